import { describe, expect, it } from "vitest";
import { awsQuotas } from "../../../../runtime/plan/quotas/awsQuotas.ts";

const quota = (id: string) => awsQuotas.find((candidate) => candidate.id === id);

describe("awsQuotas", () => {
  it("has unique, kebab-case ids (the keys of silo:quotas)", () => {
    const ids = awsQuotas.map((candidate) => candidate.id);

    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id))).toEqual([]);
  });

  it("gives every quota a positive default and an AWS documentation link", () => {
    expect(awsQuotas.filter((candidate) => !(candidate.defaultValue > 0))).toEqual([]);
    expect(
      awsQuotas.filter((candidate) => !candidate.url.startsWith("https://docs.aws.amazon.com/")),
    ).toEqual([]);
  });

  it("holds the ceilings the design names, with whether AWS raises them", () => {
    const figures = Object.fromEntries(
      [
        "rds-db-instances",
        "apigateway-regional-apis",
        "apigateway-api-mappings-per-domain",
        "apigateway-account-throttle",
        "lambda-concurrent-executions",
        "lambda-resource-policy-size",
        "vpc-vpcs-per-region",
        "vpc-inbound-rules-per-security-group",
        "vpc-routes-per-route-table",
        "vpc-peering-connections-per-vpc",
      ].map((id) => [id, [quota(id)?.defaultValue, quota(id)?.adjustable, quota(id)?.headroom ?? 0]]),
    );

    expect(figures).toEqual({
      "rds-db-instances": [40, true, 0],
      "apigateway-regional-apis": [600, false, 0],
      "apigateway-api-mappings-per-domain": [200, false, 0],
      "apigateway-account-throttle": [10_000, true, 0],
      "lambda-concurrent-executions": [1000, true, 100],
      "lambda-resource-policy-size": [20_480, false, 0],
      "vpc-vpcs-per-region": [5, true, 0],
      "vpc-inbound-rules-per-security-group": [60, true, 0],
      "vpc-routes-per-route-table": [50, true, 0],
      "vpc-peering-connections-per-vpc": [50, true, 0],
    });
  });

  it("shares only rates as throughput quotas, and measures every capacity quota from the plan", () => {
    expect(
      awsQuotas.filter((candidate) => candidate.kind === "throughput").map((candidate) => candidate.id),
    ).toEqual([
      "apigateway-account-throttle",
      "kms-cryptographic-operations-symmetric",
      "secretsmanager-get-secret-value-rate",
    ]);
    expect(
      awsQuotas.filter((candidate) => candidate.kind === "capacity" && candidate.measure === undefined),
    ).toEqual([]);
  });

  it("marks as kit-made exactly the quotas on a shared container, and every other one as inherent", () => {
    expect(
      awsQuotas
        .filter((candidate) => candidate.ownMaking !== (candidate.scope === "container"))
        .map((candidate) => candidate.id),
    ).toEqual([]);
    expect(awsQuotas.filter((candidate) => candidate.ownMaking).map((candidate) => candidate.id)).toEqual([
      "apigateway-api-mappings-per-domain",
      "lambda-resource-policy-size",
      "vpc-inbound-rules-per-security-group",
      "vpc-routes-per-route-table",
      "vpc-peering-connections-per-vpc",
      "vpc-interface-endpoints-per-vpc",
      "tgw-attachments-per-transit-gateway",
      "tgw-routes-per-transit-gateway",
    ]);
  });
});
