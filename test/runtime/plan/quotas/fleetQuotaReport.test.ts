import { describe, expect, it } from "vitest";
import type { AwsQuota } from "../../../../runtime/plan/quotas/awsQuota.ts";
import {
  describeQuotaBreach,
  fleetQuotaReport,
  type QuotaStack,
} from "../../../../runtime/plan/quotas/fleetQuotaReport.ts";
import { countOf, largestContainer } from "../../../../runtime/plan/quotas/quotaMeasures.ts";
import { recorded } from "./quotaResources.ts";

const base = {
  service: "Test",
  scope: "region",
  kind: "capacity",
  unit: "things",
  url: "https://docs.aws.amazon.com/x",
  confirmed: true,
  ownMaking: false,
} as const;
const instances: AwsQuota = {
  ...base,
  id: "instances",
  name: "Instances",
  defaultValue: 10,
  adjustable: true,
  measure: (resources) => countOf(resources, "test:instance"),
};
const vpcs: AwsQuota = {
  ...base,
  id: "vpcs",
  name: "VPCs",
  defaultValue: 5,
  adjustable: true,
  measure: (resources) => countOf(resources, "test:vpc"),
};
const apis: AwsQuota = {
  ...instances,
  id: "apis",
  name: "APIs",
  defaultValue: 6,
  adjustable: false,
  measure: (r) => countOf(r, "test:api"),
};
const rules: AwsQuota = {
  ...base,
  id: "rules",
  name: "Rules per group",
  scope: "container",
  defaultValue: 60,
  adjustable: true,
  ownMaking: true,
  measure: (resources, stack) => largestContainer(resources, stack, "test:rule", "group"),
};
const throttle: AwsQuota = {
  ...base,
  id: "throttle",
  name: "Throttle",
  kind: "throughput",
  defaultValue: 100,
  adjustable: true,
  measure: (resources) => countOf(resources, "test:stage") * 30,
};
const concurrency: AwsQuota = {
  ...instances,
  id: "concurrency",
  name: "Concurrency",
  defaultValue: 20,
  headroom: 10,
};
const runtimeRate: AwsQuota = { ...throttle, id: "rate", name: "Rate", measure: undefined };

const shared: QuotaStack = {
  kind: "shared",
  tenants: 0,
  resources: [
    recorded("test:instance", "ledger"),
    recorded("test:vpc", "shared"),
    recorded("test:rule", "r", { group: "g" }),
  ],
};
function tenant(count: number, dedicated: boolean): QuotaStack {
  return {
    kind: "tenant",
    tenants: count,
    resources: [
      recorded("test:instance", "db"),
      recorded("test:api", "api"),
      recorded("test:stage", "stage"),
      ...(dedicated ? [recorded("test:vpc", "own"), recorded("test:rule", "ledger", { group: "g" })] : []),
    ],
  };
}
const defaults = (quotas: readonly AwsQuota[]) =>
  new Map(quotas.map((quota) => [quota.id, quota.defaultValue]));

describe("fleetQuotaReport", () => {
  it("adds the shared stack's use to each tenant's times the tenants it stands for", () => {
    // Act
    const report = fleetQuotaReport([instances], defaults([instances]), [
      shared,
      tenant(3, false),
      tenant(1, false),
    ]);

    // Assess
    expect(report.tenants).toBe(4);
    expect(report.usages[0]).toMatchObject({ shared: 1, perTenant: 1, used: 5, usable: 10, status: "ok" });
  });

  it("answers the most tenants a quota allows and the tenant at which it breaks", () => {
    const report = fleetQuotaReport([instances, apis], defaults([instances, apis]), [
      shared,
      tenant(4, false),
    ]);

    // 1 shared + 9 tenants = 10 instances: tenant 10 is the one that breaks it.
    expect(report.usages[0]).toMatchObject({ maxTenants: 9, breaksAtTenant: 10 });
    expect(report.usages[1]).toMatchObject({ shared: 0, maxTenants: 6, breaksAtTenant: 7 });
  });

  it("uses the planned mix's average for a quota only some tenants consume", () => {
    // 1 dedicated tenant in 20: 1 shared VPC + 4 more allowed = 80 tenants of this mix.
    const report = fleetQuotaReport([vpcs], defaults([vpcs]), [shared, tenant(19, false), tenant(1, true)]);

    expect(report.usages[0]).toMatchObject({ perTenant: 0.05, maxTenants: 80, breaksAtTenant: 81 });
  });

  it("marks a capacity quota the fleet exceeds as breached, and orders the binding quotas by when they break", () => {
    const quotas = [apis, instances, vpcs];
    const report = fleetQuotaReport(quotas, defaults(quotas), [shared, tenant(11, false), tenant(1, true)]);

    expect(report.usages.map((usage) => [usage.id, usage.status])).toEqual([
      ["apis", "breached"],
      ["instances", "breached"],
      ["vpcs", "ok"],
    ]);
    expect(report.binding.map((usage) => [usage.id, usage.breaksAtTenant])).toEqual([
      ["apis", 7],
      ["instances", 10],
      ["vpcs", 49],
    ]);
  });

  it("checks against the account's value, less what AWS keeps unreserved", () => {
    const values = new Map([["concurrency", 40]]);

    const report = fleetQuotaReport([concurrency], values, [shared, tenant(5, false)]);

    expect(report.usages[0]).toMatchObject({ value: 40, usable: 30, maxTenants: 29, breaksAtTenant: 30 });
  });

  it("reports a shared rate the tenants' limits exceed as oversubscribed, never breached or binding", () => {
    const report = fleetQuotaReport([throttle], defaults([throttle]), [shared, tenant(4, false)]);

    expect(report.usages[0]).toMatchObject({ used: 120, status: "oversubscribed" });
    expect(report.binding).toEqual([]);
  });

  it("lists a runtime rate without measuring it", () => {
    const report = fleetQuotaReport([runtimeRate], defaults([runtimeRate]), [shared, tenant(4, false)]);

    expect(report.usages[0]).toMatchObject({ status: "runtime", used: 0, breaksAtTenant: null });
  });

  it("flags a shared container tenants add to as a ceiling of the kit's own making, and only then", () => {
    const withDedicated = fleetQuotaReport([rules], defaults([rules]), [shared, tenant(1, true)]);
    const sharedOnly = fleetQuotaReport([rules], defaults([rules]), [shared, tenant(1, false)]);

    expect(withDedicated.usages[0]).toMatchObject({ ownMaking: true, breaksAtTenant: 60 });
    expect(sharedOnly.usages[0]).toMatchObject({ ownMaking: false, breaksAtTenant: null });
  });
});

describe("describeQuotaBreach", () => {
  it("names the quota, its value, the tenant at which it breaks and the increase to request", () => {
    const report = fleetQuotaReport([instances], defaults([instances]), [shared, tenant(12, false)]);

    expect(describeQuotaBreach(report.usages[0] as never, report.tenants)).toBe(
      'quota "Instances" (Test): 10 things per Region, the fleet needs 13 (shared 1 + 1 per tenant x 12 tenants); ' +
        'it breaks at tenant 10; fix: request an increase of "Instances" in Service Quotas and set silo:quotas ' +
        '{"instances": <new value>}, or add a cell (docs/scale.md)',
    );
  });

  it("says a fixed quota cannot be raised, and shows the usable part of a quota with headroom", () => {
    const report = fleetQuotaReport([apis, concurrency], defaults([apis, concurrency]), [
      shared,
      tenant(12, false),
    ]);

    expect(describeQuotaBreach(report.usages[0] as never, 12)).toMatch(
      /it breaks at tenant 7; fix: "APIs" cannot be raised: add a cell, another account or Region \(docs\/scale.md\)$/,
    );
    expect(describeQuotaBreach(report.usages[1] as never, 12)).toMatch(
      /^quota "Concurrency" \(Test\): 20 things per Region \(10 usable\), /,
    );
  });

  it("calls a shared container tenants fill the kit's own ceiling, to be fixed in the stacks", () => {
    const report = fleetQuotaReport([rules], defaults([rules]), [shared, tenant(60, true)]);

    expect(describeQuotaBreach(report.usages[0] as never, 60)).toMatch(
      /fix: a ceiling of the kit's own making: tenants must not add to shared resources; fix the stacks \(docs\/scale.md\)$/,
    );
  });
});
