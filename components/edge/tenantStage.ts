import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { tenantStageVariables } from "../../runtime/core/tenants/tenantStageVariables.ts";
import type { TenantConfig } from "../../tenants/schema.ts";
import { accessLogFormat, stageMethodSettings, tenantStageName } from "./apiRoutes.ts";
import { TenantWaf } from "./tenantWaf.ts";
import { wafEnabled } from "./webAclRules.ts";

/** Arguments of {@link TenantStage}. */
export interface TenantStageArgs {
  readonly tenant: TenantConfig;
  readonly apiId: pulumi.Input<string>;
  readonly accessLogGroupArn: pulumi.Input<string>;
  /** The methods and integrations this deployment serves (TenantRoutes). */
  readonly deployed: readonly pulumi.Resource[];
  /** Changes when the methods do, so a new deployment is made (TenantRoutes' configuration hash). */
  readonly configurationHash: string;
  /**
   * The shared custom domain, on which the stage is mapped at `/<tenant>`.
   * @default no mapping
   */
  readonly domainName?: string;
  /**
   * Trace requests with AWS X-Ray.
   * @default false
   */
  readonly xrayTracingEnabled?: boolean;
  /** Prefixed to the web ACL's name (components/common/environmentQualifier.ts). @default unqualified */
  readonly environmentQualifier?: string;
}

/**
 * The live stage of a tenant's REST API: a deployment of its methods, the stage variables the shared
 * authorizer binds tokens to (`tenantId`, `organizationId`), JSON access logs, throttling and metrics of
 * every method at the tenant's limits, the `/<tenant>` mapping on the shared domain, and the tenant's web
 * ACL when WAF is on for it (tier regulated by default).
 */
export class TenantStage extends pulumi.ComponentResource {
  readonly stageArn: pulumi.Output<string>;
  readonly stageName: pulumi.Output<string>;

  constructor(name: string, args: TenantStageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("silo:tenant:TenantStage", name, {}, opts);

    const deployment = new aws.apigateway.Deployment(
      `${name}-deployment`,
      {
        restApi: args.apiId,
        description: `silo-kit routes of tenant ${args.tenant.id}`,
        triggers: { configuration: args.configurationHash },
      },
      { parent: this, dependsOn: [...args.deployed] },
    );
    const stage = new aws.apigateway.Stage(
      `${name}-stage`,
      {
        restApi: args.apiId,
        deployment: deployment.id,
        stageName: tenantStageName,
        variables: { ...tenantStageVariables(args.tenant) },
        accessLogSettings: { destinationArn: args.accessLogGroupArn, format: accessLogFormat() },
        xrayTracingEnabled: args.xrayTracingEnabled ?? false,
      },
      { parent: this },
    );
    // No per-method entries: tenant files set one rate and burst for the whole API.
    new aws.apigateway.MethodSettings(
      `${name}-throttling`,
      {
        restApi: args.apiId,
        stageName: stage.stageName,
        methodPath: "*/*",
        settings: stageMethodSettings(args.tenant),
      },
      { parent: this },
    );
    if (args.domainName !== undefined) {
      // An API mapping serves REST APIs on a regional domain as well, so the shared domain stays as it is.
      new aws.apigatewayv2.ApiMapping(
        `${name}-mapping`,
        {
          apiId: args.apiId,
          domainName: args.domainName,
          stage: stage.stageName,
          apiMappingKey: args.tenant.id,
        },
        { parent: this },
      );
    }
    if (wafEnabled(args.tenant)) {
      new TenantWaf(
        `${name}-waf`,
        { tenant: args.tenant, stageArn: stage.arn, environmentQualifier: args.environmentQualifier },
        { parent: this },
      );
    }

    this.stageArn = stage.arn;
    this.stageName = stage.stageName;
    this.registerOutputs({ stageArn: this.stageArn, stageName: this.stageName });
  }
}
