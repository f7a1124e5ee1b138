import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { TenantConfig } from "../../tenants/schema.ts";
import { tenantResourceNames } from "../common/resourceNames.ts";
import { webAclRules, webAclVisibility } from "./webAclRules.ts";

/** Arguments of {@link TenantWaf}. */
export interface TenantWafArgs {
  readonly tenant: TenantConfig;
  /** The ARN of the tenant's REST API stage. */
  readonly stageArn: pulumi.Input<string>;
  /** Prefixed to the web ACL's name (components/common/environmentQualifier.ts). @default unqualified */
  readonly environmentQualifier?: string | undefined;
}

/**
 * The tenant's own AWS WAF web ACL (regional) in front of its API stage: the AWS managed rule groups for
 * IP reputation, common exploits and known bad inputs, and a rate-based rule per client IP from the tenant
 * file (`waf.rateLimitPer5Minutes`). Its own, so one tenant's rate limit or false positive is no other's.
 */
export class TenantWaf extends pulumi.ComponentResource {
  readonly webAclArn: pulumi.Output<string>;

  constructor(name: string, args: TenantWafArgs, opts?: pulumi.ComponentResourceOptions) {
    super("silo:tenant:TenantWaf", name, {}, opts);

    const webAcl = new aws.wafv2.WebAcl(
      `${name}-acl`,
      {
        name: tenantResourceNames(args.tenant.id, args.environmentQualifier).prefix,
        description: `silo-kit web ACL of tenant ${args.tenant.id}`,
        scope: "REGIONAL",
        defaultAction: { allow: {} },
        rules: webAclRules(args.tenant),
        visibilityConfig: webAclVisibility(args.tenant),
      },
      { parent: this },
    );
    new aws.wafv2.WebAclAssociation(
      `${name}-association`,
      { resourceArn: args.stageArn, webAclArn: webAcl.arn },
      { parent: this },
    );

    this.webAclArn = webAcl.arn;
    this.registerOutputs({ webAclArn: this.webAclArn });
  }
}
