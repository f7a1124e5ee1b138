import { planStacks } from "../planStacks.ts";
import { syntheticTenants } from "../synthetic/syntheticTenants.ts";
import { awsQuotas } from "./awsQuotas.ts";
import { fleetQuotaReport, type QuotaReport } from "./fleetQuotaReport.ts";
import { readQuotaValues } from "./readQuotaValues.ts";

/** The fleet docs/scale.md's ceilings are computed for: `silo plan --synthetic-tenants 1000 --synthetic-only`. */
export const referenceFleet = { tenants: 1000, seed: 1 } as const;

/**
 * Quotas an account of a large fleet would have raised, for docs/scale.md's "raised" column: what Service
 * Quotas commonly grants on request (the adjustable quotas the reference fleet breaks first); the fixed ones
 * stay.
 */
export const raisedQuotasExample: Readonly<Record<string, number>> = {
  "rds-db-instances": 1000,
  "rds-db-subnet-groups": 1000,
  "rds-db-parameter-groups": 1000,
  "lambda-concurrent-executions": 20_000,
  "vpc-vpcs-per-region": 100,
  "iam-roles": 5000,
  "bedrock-application-inference-profiles": 5000,
};

/** The reference fleet's quota report at AWS's default quotas and at {@link raisedQuotasExample}. */
export interface ReferenceFleetReports {
  readonly atDefaults: QuotaReport;
  readonly raised: QuotaReport;
}

/**
 * Plans the reference fleet, or another synthetic one (the shared stack and one program per synthetic tenant
 * shape, under Pulumi's mocks), and reports its quotas twice: at the defaults and raised. Run it in a process of its own (a test
 * file, or writeScaleTables.ts): Pulumi's runtime state is process-global.
 */
export async function planReferenceFleet(
  fleet: { readonly tenants: number; readonly seed: number } = referenceFleet,
): Promise<ReferenceFleetReports> {
  const groups = syntheticTenants(fleet.tenants, fleet.seed);
  const tenants = groups.map((group) => group.tenant);
  const report = await planStacks({
    targets: [
      { stackName: "shared", program: { kind: "project" }, source: "stacks/shared.ts" },
      ...groups.map((group) => ({
        stackName: `tenant-${group.tenant.id}`,
        program: { kind: "project" as const },
        source: "stacks/tenant.ts",
        tenants: group.count,
      })),
    ],
    tenants,
    tenantsDir: "tenants",
    rules: [],
  });
  const stacks = report.stacks.map((stack) => ({
    kind: stack.tenants > 0 ? ("tenant" as const) : ("shared" as const),
    resources: stack.resources,
    tenants: stack.tenants,
  }));
  const raised = readQuotaValues(awsQuotas, { "silo:quotas": JSON.stringify(raisedQuotasExample) });
  return { atDefaults: report.quotas, raised: fleetQuotaReport(awsQuotas, raised, stacks) };
}
