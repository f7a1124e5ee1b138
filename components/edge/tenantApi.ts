import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  type GatewayResponseType,
  gatewayResponses,
  gatewayResponseTemplate,
} from "../../runtime/api/gatewayResponses.ts";
import type { TenantConfig } from "../../tenants/schema.ts";
import { tenantResourceNames } from "../common/resourceNames.ts";
import { authorizerIdentitySources, tenantStageName } from "./apiRoutes.ts";

/** Arguments of {@link TenantApi}. */
export interface TenantApiArgs {
  readonly tenant: TenantConfig;
  /** The Region of the API, for its execute-api endpoint. */
  readonly region: string;
  /** The tenant key, which encrypts the access log group. */
  readonly keyArn: pulumi.Input<string>;
  readonly authorizer: {
    readonly invokeArn: string;
    /** 0 turns API Gateway's decision cache off. */
    readonly cacheTtlSeconds: number;
  };
  /**
   * The shared custom domain; the API is mapped at `/<tenant>` on it and its own execute-api endpoint is
   * switched off, so the domain is the only way in.
   * @default no mapping: the API is reached on its execute-api endpoint
   */
  readonly domainName?: string;
  /**
   * The stack's environment qualifier, carried by every physical name (components/common/resourceNames.ts).
   * @default none: the unqualified names
   */
  readonly environmentQualifier?: string;
}

/**
 * The tenant's own regional REST API, before its methods: the API, the shared REQUEST authorizer every
 * method uses (identity sources: the Authorization header, the method and the resource path), the log group
 * its stage writes JSON access logs to (encrypted with the tenant key), and its gateway responses (401, 403,
 * 404, 429, 5xx in the API's error shape, runtime/api/gatewayResponses.ts). Methods, integrations and the
 * stage are TenantRoutes' and TenantStage's, added once the tenant's Lambdas exist (the admin Lambda needs
 * this API's URL first).
 */
export class TenantApi extends pulumi.ComponentResource {
  readonly apiId: pulumi.Output<string>;
  readonly rootResourceId: pulumi.Output<string>;
  /** The stage's execute-api URL, `https://<id>.execute-api.<region>.amazonaws.com/<stage>`. */
  readonly apiEndpoint: pulumi.Output<string>;
  readonly executionArn: pulumi.Output<string>;
  readonly authorizerId: pulumi.Output<string>;
  readonly accessLogGroupArn: pulumi.Output<string>;
  /** Base URL tenant apps call: `https://<domain>/<tenant>` or the stage's endpoint. */
  readonly url: pulumi.Output<string>;

  constructor(name: string, args: TenantApiArgs, opts?: pulumi.ComponentResourceOptions) {
    super("silo:tenant:TenantApi", name, {}, opts);

    const tenantId = args.tenant.id;
    const names = tenantResourceNames(tenantId, args.environmentQualifier);
    const api = new aws.apigateway.RestApi(
      `${name}-api`,
      {
        name: names.apiName,
        description: `silo-kit API of tenant ${tenantId}`,
        endpointConfiguration: { types: "REGIONAL" },
        disableExecuteApiEndpoint: args.domainName !== undefined,
      },
      { parent: this },
    );
    const accessLogs = new aws.cloudwatch.LogGroup(
      `${name}-access-logs`,
      { name: names.accessLogGroup, retentionInDays: args.tenant.logRetentionDays, kmsKeyId: args.keyArn },
      { parent: this },
    );
    const authorizer = new aws.apigateway.Authorizer(
      `${name}-authorizer`,
      {
        restApi: api.id,
        name: `${names.prefix}-edge`,
        type: "REQUEST",
        authorizerUri: args.authorizer.invokeArn,
        identitySource: authorizerIdentitySources.join(","),
        authorizerResultTtlInSeconds: args.authorizer.cacheTtlSeconds,
      },
      { parent: this },
    );
    // A browser can only read an error across origins with Access-Control-Allow-Origin; a gateway response
    // cannot choose among several origins, so it names the tenant's origin only when there is exactly one.
    const origins = args.tenant.cors.allowedOrigins;
    const corsHeaders: Record<string, string> =
      origins.length === 1 ? { "gatewayresponse.header.Access-Control-Allow-Origin": `'${origins[0]}'` } : {};
    for (const type of Object.keys(gatewayResponses) as GatewayResponseType[]) {
      const spec = gatewayResponses[type];
      new aws.apigateway.Response(
        `${name}-${type.toLowerCase().replace(/_/g, "-")}`,
        {
          restApiId: api.id,
          responseType: type,
          ...(spec.status === undefined ? {} : { statusCode: String(spec.status) }),
          responseTemplates: { "application/json": gatewayResponseTemplate(type) },
          responseParameters: {
            ...corsHeaders,
            ...Object.fromEntries(
              Object.entries(spec.fixedHeaders ?? {}).map(([header, value]) => [
                `gatewayresponse.header.${header}`,
                `'${value}'`,
              ]),
            ),
          },
        },
        { parent: this },
      );
    }

    this.apiId = api.id;
    this.rootResourceId = api.rootResourceId;
    this.apiEndpoint = pulumi.interpolate`https://${api.id}.execute-api.${args.region}.amazonaws.com/${tenantStageName}`;
    this.executionArn = api.executionArn;
    this.authorizerId = authorizer.id;
    this.accessLogGroupArn = accessLogs.arn;
    this.url =
      args.domainName === undefined
        ? this.apiEndpoint
        : pulumi.output(`https://${args.domainName}/${tenantId}`);
    this.registerOutputs({
      apiId: this.apiId,
      apiEndpoint: this.apiEndpoint,
      executionArn: this.executionArn,
      authorizerId: this.authorizerId,
      url: this.url,
    });
  }
}
