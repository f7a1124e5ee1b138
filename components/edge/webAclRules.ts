import type { TenantConfig } from "../../tenants/schema.ts";

/** The AWS managed rule groups every tenant web ACL runs, in evaluation order. */
export const managedRuleGroups = [
  "AWSManagedRulesAmazonIpReputationList",
  "AWSManagedRulesCommonRuleSet",
  "AWSManagedRulesKnownBadInputsRuleSet",
] as const;

/**
 * Whether the tenant's stage sits behind a WAF web ACL: `waf.enabled` from the tenant file, else on for
 * tier regulated (the policy pack requires it there), off for the others.
 *
 * @example
 * wafEnabled({ tier: "regulated", waf: {} }); // true
 */
export function wafEnabled(tenant: Pick<TenantConfig, "tier" | "waf">): boolean {
  return tenant.waf.enabled ?? tenant.tier === "regulated";
}

/** CloudWatch metrics and sampled requests of one rule, named under the tenant's prefix. */
function visibility(metricName: string) {
  return { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName };
}

/**
 * The rules of a tenant's web ACL: the managed groups (their own actions, no override), then a rate-based
 * rule that blocks a client IP above `waf.rateLimitPer5Minutes` requests in any 5 minutes.
 * https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-list.html
 */
export function webAclRules(tenant: Pick<TenantConfig, "id" | "waf">) {
  const prefix = `silo-${tenant.id}`;
  return [
    ...managedRuleGroups.map((name, index) => ({
      name,
      priority: index,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: "AWS", name } },
      visibilityConfig: visibility(`${prefix}-${name}`),
    })),
    {
      name: "rate-per-ip",
      priority: managedRuleGroups.length,
      action: { block: {} },
      statement: {
        rateBasedStatement: { limit: tenant.waf.rateLimitPer5Minutes, aggregateKeyType: "IP" },
      },
      visibilityConfig: visibility(`${prefix}-rate-per-ip`),
    },
  ];
}

/** Visibility of the web ACL itself. */
export function webAclVisibility(tenant: Pick<TenantConfig, "id">) {
  return visibility(`silo-${tenant.id}-waf`);
}
