import { describe, expect, it } from "vitest";
import { managedRuleGroups, wafEnabled, webAclRules } from "../../../components/edge/webAclRules.ts";
import { testTenant } from "../support.ts";

describe("wafEnabled", () => {
  it("is on for regulated tenants and off for standard ones unless the tenant file says", () => {
    expect(wafEnabled({ tier: "regulated", waf: { rateLimitPer5Minutes: 2000 } })).toBe(true);
    expect(wafEnabled(testTenant({ tier: "standard" }))).toBe(false);
    expect(wafEnabled(testTenant({ tier: "standard", waf: { enabled: true } }))).toBe(true);
  });
});

describe("webAclRules", () => {
  it("runs the three managed groups with their own actions, then blocks an IP over the tenant's rate", () => {
    // Act
    const rules = webAclRules(testTenant({ id: "globex", waf: { rateLimitPer5Minutes: 300 } }));

    // Assess
    expect(rules.map((rule) => [rule.name, rule.priority])).toEqual([
      ...managedRuleGroups.map((name, index) => [name, index]),
      ["rate-per-ip", 3],
    ]);
    expect(rules.at(-1)).toMatchObject({
      action: { block: {} },
      statement: { rateBasedStatement: { limit: 300, aggregateKeyType: "IP" } },
      visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "silo-globex-rate-per-ip" },
    });
    expect(rules[0]).toMatchObject({
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesAmazonIpReputationList" },
      },
    });
  });
});
