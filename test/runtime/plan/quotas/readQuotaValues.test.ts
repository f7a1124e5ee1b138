import { describe, expect, it } from "vitest";
import type { SiloError } from "../../../../runtime/core/errors/siloError.ts";
import { awsQuotas } from "../../../../runtime/plan/quotas/awsQuotas.ts";
import { readQuotaValues } from "../../../../runtime/plan/quotas/readQuotaValues.ts";

function thrown(action: () => unknown): SiloError {
  try {
    action();
  } catch (error) {
    return error as SiloError;
  }
  throw new Error("expected an error");
}

describe("readQuotaValues", () => {
  it("answers AWS's defaults without silo:quotas", () => {
    const values = readQuotaValues(awsQuotas, {});

    expect(values.get("rds-db-instances")).toBe(40);
    expect(values.get("apigateway-regional-apis")).toBe(600);
    expect(values.size).toBe(awsQuotas.length);
  });

  it("takes the account's raised quotas from silo:quotas, and Lambda's from silo:accountConcurrencyLimit", () => {
    const values = readQuotaValues(awsQuotas, {
      "silo:quotas": '{"rds-db-instances": 200, "iam-roles": 5000}',
      "silo:accountConcurrencyLimit": "3000",
    });

    expect(values.get("rds-db-instances")).toBe(200);
    expect(values.get("iam-roles")).toBe(5000);
    expect(values.get("lambda-concurrent-executions")).toBe(3000);
  });

  it("lets silo:quotas win over silo:accountConcurrencyLimit", () => {
    const values = readQuotaValues(awsQuotas, {
      "silo:quotas": '{"lambda-concurrent-executions": 5000}',
      "silo:accountConcurrencyLimit": "3000",
    });

    expect(values.get("lambda-concurrent-executions")).toBe(5000);
  });

  it("refuses a value that is not a map, with an example of one", () => {
    const error = thrown(() => readQuotaValues(awsQuotas, { "silo:quotas": "200" }));

    expect(error.code).toBe("PLAN_CONFIG_INVALID");
    expect(error.message).toBe(
      `silo:quotas is "200", not a map of quota id to value; write it as e.g. --config 'silo:quotas={"rds-db-instances": 200}'`,
    );
  });

  it("refuses an unknown quota id, listing the known ones", () => {
    const error = thrown(() => readQuotaValues(awsQuotas, { "silo:quotas": '{"rds-instances": 200}' }));

    expect(error.code).toBe("PLAN_CONFIG_INVALID");
    expect(error.message).toMatch(
      /^silo:quotas: "rds-instances" is not a quota the kit consumes; use one of: rds-db-instances, /,
    );
  });

  it("refuses a value that is not a whole number above 0", () => {
    const error = thrown(() => readQuotaValues(awsQuotas, { "silo:quotas": '{"rds-db-instances": "lots"}' }));

    expect(error.code).toBe("PLAN_CONFIG_INVALID");
    expect(error.message).toBe(
      `silo:quotas: "rds-db-instances" is "lots"; give the account's quota as a whole number above 0, as Service Quotas shows it`,
    );
  });
});
