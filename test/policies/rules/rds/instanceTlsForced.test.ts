import { describe, expect, it } from "vitest";
import { instanceTlsForced } from "../../../../policies/rules/rds/instanceTlsForced.ts";
import { runPolicies } from "../../../../runtime/plan/policyEngine/runPolicies.ts";
import { stackViolationsOf } from "../../support/evaluateRule.ts";
import { databaseStack } from "./databaseStack.ts";

describe("instanceTlsForced", () => {
  it("passes an instance whose parameter group sets rds.force_ssl to 1", async () => {
    // Act
    const violations = await stackViolationsOf(instanceTlsForced, databaseStack());

    // Assess
    expect(violations).toEqual([]);
  });

  it("finds the group through the instance's property dependencies when names differ", async () => {
    // Act
    const resources = databaseStack({ instance: { parameterGroupName: "renamed-by-the-provider" } });
    const group = resources.find((resource) => resource.name === "db-parameters")?.urn ?? "";
    const violations = await stackViolationsOf(
      instanceTlsForced,
      databaseStack({
        instance: { parameterGroupName: "renamed-by-the-provider" },
        instanceDependencies: { parameterGroupName: [group] },
      }),
    );

    // Assess
    expect(violations).toEqual([]);
  });

  it.each([
    [{ parameters: [] }],
    [{ parameters: [{ name: "rds.force_ssl", value: "0" }] }],
    [{ parameters: [{ name: "log_connections", value: "1" }] }],
  ])("reports a parameter group with %j", async (parameterGroup) => {
    // Act
    const violations = await stackViolationsOf(instanceTlsForced, databaseStack({ parameterGroup }));

    // Assess
    expect(violations).toEqual([
      [
        "db-instance",
        'parameter group "silo-globex-postgres" does not set rds.force_ssl to 1; add { name: "rds.force_ssl", value: "1" } to its parameters.',
      ],
    ]);
  });

  it("reports an instance on the default parameter group", async () => {
    // Act
    const violations = await stackViolationsOf(
      instanceTlsForced,
      databaseStack({ instance: { parameterGroupName: undefined } }),
    );

    // Assess
    expect(violations).toEqual([
      [
        "db-instance",
        "parameterGroupName is not set, so the default parameter group applies and TLS is optional; give the instance a parameter group with rds.force_ssl = 1.",
      ],
    ]);
  });

  it("reports a parameter group from outside the stack", async () => {
    // Act
    const violations = await stackViolationsOf(
      instanceTlsForced,
      databaseStack({
        instance: { parameterGroupName: "default.postgres17" },
        instanceDependencies: { parameterGroupName: [] },
      }),
    );

    // Assess
    expect(violations).toEqual([
      [
        "db-instance",
        'parameterGroupName "default.postgres17" is not a parameter group of this stack, so nothing shows it forces TLS; create it in the stack with rds.force_ssl = 1.',
      ],
    ]);
  });

  it("does not apply to a stack without a Postgres instance", async () => {
    // Act
    const run = await runPolicies([instanceTlsForced], databaseStack({ instance: { engine: "mysql" } }), {
      profile: {},
    });

    // Assess
    expect(run).toEqual({ violations: [], applied: new Set() });
  });
});
