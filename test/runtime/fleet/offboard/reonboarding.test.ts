import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultTenantsDir } from "../../../../runtime/core/tenants/defaultTenantsDir.ts";
import { loadTenantsOrThrow } from "../../../../runtime/core/tenants/loadTenants.ts";
import { offboardTenant } from "../../../../runtime/fleet/offboard/offboardTenant.ts";
import { planStacks } from "../../../../runtime/plan/planStacks.ts";
import type { RecordedResource } from "../../../../runtime/plan/pulumiRecording.ts";
import type { TenantConfig } from "../../../../tenants/schema.ts";
import { fakeStackWorkspaces } from "../fakeStackWorkspaces.ts";
import { fakeOffboardingCloud } from "./fakeOffboardingCloud.ts";

// One tenant's life twice over: its stack as `silo plan` records it (under Pulumi's mocks), offboarded as
// `silo offboard` does it (fake workspaces and AWS), then its stack again under the same tenant id. Every
// name AWS still holds after the offboarding must be one the second generation does not ask for.
const tenant = (await loadTenantsOrThrow()).find(
  (candidate) => candidate.id === "acme-health",
) as TenantConfig;
const stackName = `tenant-${tenant.id}`;
const region = "us-east-1";

async function planTenantStack(): Promise<readonly RecordedResource[]> {
  const report = await planStacks({
    targets: [{ stackName, program: { kind: "project" }, source: "stacks/tenant.ts" }],
    tenants: [tenant],
    tenantsDir: defaultTenantsDir(),
    stackFiles: { [stackName]: { "silo:vpcCidr": "10.20.0.0/16" } },
    rules: [],
  });
  return report.stacks[0]?.resources ?? [];
}

/** The names AWS keys a resource by (a bucket prefix counts as the names it starts). */
const nameInputs = ["name", "identifier", "finalSnapshotIdentifier", "bucket", "bucketPrefix", "namePrefix"];
function physicalNames(resources: readonly RecordedResource[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const resource of resources) {
    for (const input of nameInputs) {
      const value = resource.inputs[input];
      if (typeof value === "string" && value !== "")
        names.set(value, `${resource.type} ${resource.name}.${input}`);
    }
  }
  return names;
}

const secretNames = (resources: readonly RecordedResource[]) =>
  resources
    .filter((resource) => resource.type === "aws:secretsmanager/secret:Secret")
    .map((resource) => String(resource.inputs.name));

let firstGeneration: readonly RecordedResource[];
let secondGeneration: readonly RecordedResource[];
let stillHeld: string[];
let stateDir: string;

beforeAll(async () => {
  firstGeneration = await planTenantStack();
  stateDir = await mkdtemp(join(tmpdir(), "silo-reonboard-"));
  const aws = fakeOffboardingCloud();
  const pulumi = fakeStackWorkspaces({
    config: { [stackName]: { "aws:region": region } },
    outputs: {
      [stackName]: { url: "https://api.example.com/acme-health", keyArn: "arn:aws:kms:us-east-1:1:key/acme" },
      shared: { platformKeyArn: "arn:aws:kms:us-east-1:1:key/platform" },
    },
  });
  const select = pulumi.workspaces.select;
  pulumi.workspaces.select = async (name, options) => {
    const stack = await select(name, options);
    return {
      ...stack,
      // What `pulumi destroy` leaves: every secret scheduled for deletion with its recovery window.
      destroy: async (runOptions) => {
        await stack.destroy(runOptions);
        aws.destroyed(secretNames(firstGeneration), new Date("2026-07-01T00:00:00Z"));
        return { changes: { delete: firstGeneration.length } };
      },
    };
  };
  await offboardTenant({
    tenant,
    workspaces: pulumi.workspaces,
    cloudFor: () => aws.cloud,
    exportToken: async () => "token",
    exportData: async (exportArgs) => ({
      exportId: "exp-1",
      file: exportArgs.file,
      sha256: "ab".repeat(32),
      sizeBytes: 1,
    }),
    stateDir,
    progress: () => undefined,
    sleep: async () => undefined,
    now: () => new Date("2026-06-01T00:00:00Z"),
  });
  const finalSnapshot = firstGeneration.find((resource) => resource.type === "aws:rds/instance:Instance")
    ?.inputs.finalSnapshotIdentifier;
  stillHeld = [
    ...aws.snapshots.keys(),
    ...(typeof finalSnapshot === "string" ? [finalSnapshot] : []),
    ...[...aws.secrets.entries()].filter(([, status]) => status.state !== "gone").map(([name]) => name),
  ];
  secondGeneration = await planTenantStack();
}, 240_000);

afterAll(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

describe("re-onboarding an offboarded tenant", () => {
  it("leaves only snapshots behind: the secrets are deleted without recovery, their names free", () => {
    // Assess
    expect(secretNames(firstGeneration)).toContain("/silo/acme-health/ledger-role");
    expect(stillHeld.filter((name) => name.startsWith("/silo/"))).toEqual([]);
    expect(stillHeld).toEqual(
      expect.arrayContaining([
        "silo-acme-health-offboarding-20260601t0000",
        "silo-acme-health-offboarding-20260601t0000-retained",
      ]),
    );
  });

  it("asks for no name the first generation still holds, but the final snapshot's fresh suffix", () => {
    // Prepare
    const wanted = physicalNames(secondGeneration);
    const instance = secondGeneration.find((resource) => resource.type === "aws:rds/instance:Instance");
    const suffix = secondGeneration.find((resource) => resource.type === "random:index/randomId:RandomId");

    // Act
    const collisions = stillHeld
      .filter((name) => wanted.has(name) && name !== instance?.inputs.finalSnapshotIdentifier)
      .map((name) => `${name} (${wanted.get(name)})`);

    // Assess
    expect(secretNames(secondGeneration)).toEqual(secretNames(firstGeneration));
    expect(collisions).toEqual([]);
    // The final snapshot id ends in a RandomId drawn when the stack is created: the mocks draw the same one
    // each time, AWS a new one per stack, so a new generation's final snapshot cannot meet the old one's.
    expect(instance?.inputs.finalSnapshotIdentifier).toMatch(/^silo-acme-health-final-[0-9a-f]{8}$/);
    expect(instance?.propertyDependencies.finalSnapshotIdentifier).toContain(suffix?.urn);
  });
});
