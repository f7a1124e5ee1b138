import { checkNameLimits } from "../../../../runtime/plan/nameLimits/checkNameLimits.ts";
import type { PlannedStack, PlanReport } from "../../../../runtime/plan/planStacks.ts";
import type { RecordedResource } from "../../../../runtime/plan/pulumiRecording.ts";
import { awsQuotas } from "../../../../runtime/plan/quotas/awsQuotas.ts";
import { fleetQuotaReport } from "../../../../runtime/plan/quotas/fleetQuotaReport.ts";
import { readQuotaValues } from "../../../../runtime/plan/quotas/readQuotaValues.ts";

const dbUrn =
  "urn:pulumi:tenant-globex::silo-kit::pulumi:pulumi:Stack$silo:tenant:TenantSilo$aws:rds/instance:Instance::globex-db";

/** The tenant's database, public and with a master username one character over RDS's 16. */
const database: RecordedResource = {
  urn: dbUrn,
  type: "aws:rds/instance:Instance",
  name: "globex-db",
  custom: true,
  parent: "urn:pulumi:tenant-globex::silo-kit::pulumi:pulumi:Stack::silo-kit-tenant-globex",
  provider: "",
  providers: {},
  dependencies: ["urn:pulumi:tenant-globex::silo-kit::aws:kms/key:Key::globex-key"],
  propertyDependencies: {
    kmsKeyId: ["urn:pulumi:tenant-globex::silo-kit::aws:kms/key:Key::globex-key"],
  },
  inputs: { publiclyAccessible: true, deletionProtection: false, username: "silo_globex_admin" },
  state: {},
};

/**
 * A plan of two stacks: a clean shared stack and a tenant stack with one mandatory and one advisory violation
 * and one name AWS would refuse.
 */
const stacks: PlannedStack[] = [
  {
    name: "shared",
    source: "stacks/shared.ts",
    profile: "baseline",
    durationMs: 12,
    resources: [
      {
        urn: "urn:pulumi:shared::silo-kit::pulumi:pulumi:Stack::silo-kit-shared",
        type: "pulumi:pulumi:Stack",
        name: "silo-kit-shared",
        custom: false,
        parent: undefined,
        provider: "",
        providers: {},
        dependencies: [],
        propertyDependencies: {},
        inputs: {},
        state: {},
      },
    ],
    violations: [],
    nameFindings: [],
    tenants: 0,
  },
  {
    name: "tenant-globex",
    source: "tenants/globex.yaml",
    profile: "baseline",
    durationMs: 34,
    resources: [database],
    violations: [
      {
        policy: "silo-rds-instance-no-public-access",
        enforcementLevel: "mandatory",
        severity: "critical",
        urn: dbUrn,
        message: "publiclyAccessible is true; set it to false | keep it private.",
      },
      {
        policy: "silo-rds-instance-deletion-protection",
        enforcementLevel: "advisory",
        severity: "medium",
        urn: dbUrn,
        message: "deletionProtection is false; set it to true.",
      },
    ],
    nameFindings: checkNameLimits([database]),
    tenants: 1,
  },
];

/** The two stacks, and their use of the default quotas (one RDS instance of 40). */
export const planReportFixture: PlanReport = {
  stacks,
  quotas: fleetQuotaReport(
    awsQuotas,
    readQuotaValues(awsQuotas, {}),
    stacks.map((stack) => ({
      kind: stack.tenants > 0 ? "tenant" : "shared",
      resources: stack.resources,
      tenants: stack.tenants,
    })),
  ),
};
