import { beforeAll, describe, expect, it } from "vitest";
import { iamRoleArn } from "../../../components/common/awsContext.ts";
import {
  sharedResourceNames,
  tenantFunctions,
  tenantResourceNames,
} from "../../../components/common/resourceNames.ts";
import { normaliseStatements } from "../../../policies/analysis/normaliseStatements.ts";
import { keyUseActions } from "../../../policies/rules/kms/keyUseActions.ts";
import { loadTenantsOrThrow } from "../../../runtime/core/tenants/loadTenants.ts";
import { mockAccountId, mockRegion } from "../../../runtime/plan/mockOutputs.ts";
import { planStackNames } from "../../../runtime/plan/planStackNames.ts";
import type { PlannedStack } from "../../../runtime/plan/planStacks.ts";
import { planKitStacks } from "../../support/pulumi/planKitStacks.ts";

// `silo plan --stack all` in-process: shared and every example tenant's stack under Pulumi's mocks, as a
// reviewer without credentials runs it, then who each KMS key policy lets use the key.
const tenants = await loadTenantsOrThrow();
const aws = { accountId: mockAccountId, region: mockRegion, partition: "aws" };
/** The caller identity under the plan's mocks, which deploys when silo:deployerRoleArn is not set. */
const deployerArn = `arn:aws:iam::${mockAccountId}:role/deployer`;
let stacks: readonly PlannedStack[];

beforeAll(async () => {
  stacks = await planKitStacks(tenants);
}, 120_000);

/** Who may use a stack's key, per statement: its principals, and whether a service and resources bound the use. */
function keyUse(stackName: string) {
  const stack = stacks.find((candidate) => candidate.name === stackName);
  const keys = stack?.resources.filter((resource) => resource.type === "aws:kms/key:Key") ?? [];
  expect(keys, `${stackName} has one key`).toHaveLength(1);
  return (normaliseStatements(keys[0]?.inputs.policy) ?? [])
    .filter((statement) => statement.effect === "Allow" && keyUseActions(statement.actions).length > 0)
    .map((statement) => {
      const keys = statement.conditions.map((condition) => condition.key.toLowerCase());
      const bound =
        keys.includes("kms:viaservice") &&
        (keys.some((key) => key.startsWith("kms:encryptioncontext:")) ||
          keys.includes("kms:grantisforawsresource"));
      const byArn = statement.conditions.find((condition) => condition.key === "aws:PrincipalArn")?.values;
      return { principals: byArn ?? statement.principals.aws, services: statement.principals.service, bound };
    });
}

describe("silo plan --stack all: who may use each KMS key", () => {
  it("plans every example stack with zero violations", () => {
    // Assess
    expect(stacks.map((stack) => [stack.name, stack.violations])).toEqual(
      planStackNames(["all"], tenants).map((name) => [name, []]),
    );
  });

  it.each(tenants.map((tenant) => [tenant.id]))(
    "lets only tenant %s's own roles use its key directly, and others only through a service for its resources",
    (tenantId) => {
      // Act
      const use = keyUse(`tenant-${tenantId}`);

      // Assess
      const ownRoles = tenantFunctions.map((fn) =>
        iamRoleArn(aws, tenantResourceNames(tenantId).roleName(fn)),
      );
      expect(use.filter((statement) => !statement.bound && statement.services.length === 0)).toEqual([
        { principals: ownRoles, services: [], bound: false },
      ]);
      const others = use.filter((statement) => statement.bound).flatMap((statement) => statement.principals);
      expect(new Set(others)).toEqual(
        new Set([deployerArn, iamRoleArn(aws, sharedResourceNames.ledgerAdminRole)]),
      );
      expect(use.flatMap((statement) => statement.services)).toEqual([`logs.${mockRegion}.amazonaws.com`]);
      expect(
        use
          .flatMap((statement) => statement.principals)
          .filter((principal) => /(:root|^\*)$/.test(principal)),
      ).toEqual([]);
    },
  );

  it("lets only the ledger-admin role use the platform key directly, and the deployer only through a service", () => {
    // Act
    const use = keyUse("shared");

    // Assess
    expect(use.filter((statement) => !statement.bound && statement.services.length === 0)).toEqual([
      { principals: [iamRoleArn(aws, sharedResourceNames.ledgerAdminRole)], services: [], bound: false },
    ]);
    expect(
      new Set(use.filter((statement) => statement.bound).flatMap((statement) => statement.principals)),
    ).toEqual(new Set([deployerArn]));
  });
});
