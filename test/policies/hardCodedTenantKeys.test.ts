import { beforeAll, describe, expect, it } from "vitest";
import { defaultTenantsDir } from "../../runtime/core/tenants/defaultTenantsDir.ts";
import { loadTenantsOrThrow } from "../../runtime/core/tenants/loadTenants.ts";
import { type PlannedStack, planStacks } from "../../runtime/plan/planStacks.ts";
import { foreignKeyId } from "../fixtures/programs/hardCodedTenantKeys.ts";

// The offline plan (every rule, under globex's profile) over globex's silo with another key hard-coded in
// three forms (test/fixtures/programs/hardCodedTenantKeys.ts): each is a customer managed key, so only
// silo-kms-tenant-data-own-key can tell that none is the tenant's key of the stack.
const program = "test/fixtures/programs/hardCodedTenantKeys.ts";
let stack: PlannedStack;

beforeAll(async () => {
  const plan = await planStacks({
    targets: [{ stackName: "tenant-globex", program: { kind: "file", path: program }, source: program }],
    tenants: await loadTenantsOrThrow(),
    tenantsDir: defaultTenantsDir(),
  });
  const [planned] = plan.stacks;
  if (planned === undefined) throw new Error(`${program} was not planned`);
  stack = planned;
}, 120_000);

describe("the policy pack over a tenant program with other keys hard-coded", () => {
  it("reports the bare key id, the key ARN and the other tenant's alias (in registration order), and nothing else", () => {
    // Prepare
    const fix = "use the tenant's KMS key from this stack: globex-key-key.";
    const unproven = "is not a KMS key or alias of this stack, so it cannot be proven to be tenant globex's";

    // Act
    const violations = stack.violations.map((violation) => [
      violation.policy,
      violation.enforcementLevel,
      violation.message,
    ]);

    // Assess
    expect(violations).toEqual([
      [
        "silo-kms-tenant-data-own-key",
        "mandatory",
        `aws:secretsmanager/secret:Secret globex-secrets-ledger-role has kmsKeyId "${foreignKeyId}", which ${unproven}; ${fix}`,
      ],
      [
        "silo-kms-tenant-data-own-key",
        "mandatory",
        `aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration globex-exports-encryption has rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId "alias/silo/initech", which names tenant initech, not globex, and ${unproven}; ${fix}`,
      ],
      [
        "silo-kms-tenant-data-own-key",
        "mandatory",
        `aws:cloudwatch/logGroup:LogGroup globex-runtime-chat-logs has kmsKeyId "arn:aws:kms:us-east-1:123456789012:key/${foreignKeyId}", which ${unproven}; ${fix}`,
      ],
    ]);
  });
});
