import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { tenantStageVariables } from "../../runtime/core/tenants/tenantStageVariables.ts";
import type { TenantConfig } from "../../tenants/schema.ts";
import { tenantResourceNames } from "../common/resourceNames.ts";
import { accessLogFormat, authorizerIdentitySources, stageThrottling } from "./apiRoutes.ts";

/** Arguments of {@link TenantApi}. */
export interface TenantApiArgs {
  readonly tenant: TenantConfig;
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
 * The tenant's own HTTP API: a `$default` stage whose stage variables `tenantId` (and `organizationId`, when
 * the tenant file maps the IdP's organisation) the shared authorizer binds tokens to, default-route throttling from the tenant's limits, JSON access logs (route, tenant, status,
 * latency) to a log group encrypted with the tenant key, and the shared REQUEST authorizer (payload 2.0,
 * simple responses) that every route uses. Routes and integrations are added by TenantRoutes once the
 * tenant's Lambdas exist (the admin Lambda needs this API's URL first).
 */
export class TenantApi extends pulumi.ComponentResource {
  readonly apiId: pulumi.Output<string>;
  readonly apiEndpoint: pulumi.Output<string>;
  readonly executionArn: pulumi.Output<string>;
  readonly authorizerId: pulumi.Output<string>;
  /** Base URL tenant apps call: `https://<domain>/<tenant>` or the API's own endpoint. */
  readonly url: pulumi.Output<string>;

  constructor(name: string, args: TenantApiArgs, opts?: pulumi.ComponentResourceOptions) {
    super("silo:tenant:TenantApi", name, {}, opts);

    const tenantId = args.tenant.id;
    const names = tenantResourceNames(tenantId, args.environmentQualifier);
    const api = new aws.apigatewayv2.Api(
      `${name}-api`,
      {
        name: names.apiName,
        description: `silo-kit API of tenant ${tenantId}`,
        protocolType: "HTTP",
        disableExecuteApiEndpoint: args.domainName !== undefined,
      },
      { parent: this },
    );
    const accessLogs = new aws.cloudwatch.LogGroup(
      `${name}-access-logs`,
      { name: names.accessLogGroup, retentionInDays: args.tenant.logRetentionDays, kmsKeyId: args.keyArn },
      { parent: this },
    );
    const stage = new aws.apigatewayv2.Stage(
      `${name}-stage`,
      {
        apiId: api.id,
        name: "$default",
        autoDeploy: true,
        stageVariables: { ...tenantStageVariables(args.tenant) },
        defaultRouteSettings: { ...stageThrottling(args.tenant), detailedMetricsEnabled: true },
        accessLogSettings: { destinationArn: accessLogs.arn, format: accessLogFormat() },
      },
      { parent: this },
    );
    const authorizer = new aws.apigatewayv2.Authorizer(
      `${name}-authorizer`,
      {
        apiId: api.id,
        name: `${names.prefix}-edge`,
        authorizerType: "REQUEST",
        authorizerUri: args.authorizer.invokeArn,
        authorizerPayloadFormatVersion: "2.0",
        enableSimpleResponses: true,
        identitySources: [...authorizerIdentitySources],
        authorizerResultTtlInSeconds: args.authorizer.cacheTtlSeconds,
      },
      { parent: this },
    );
    if (args.domainName !== undefined) {
      new aws.apigatewayv2.ApiMapping(
        `${name}-mapping`,
        { apiId: api.id, domainName: args.domainName, stage: stage.id, apiMappingKey: tenantId },
        { parent: this },
      );
    }

    this.apiId = api.id;
    this.apiEndpoint = api.apiEndpoint;
    this.executionArn = api.executionArn;
    this.authorizerId = authorizer.id;
    this.url =
      args.domainName === undefined
        ? api.apiEndpoint
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
