import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type OffboardTenantArgs,
  offboardTenant,
} from "../../../../runtime/fleet/offboard/offboardTenant.ts";
import { fakeStackWorkspaces, tenant } from "../fakeStackWorkspaces.ts";
import { fakeOffboardingCloud } from "./fakeOffboardingCloud.ts";

const acme = tenant("acme", {
  tier: "regulated",
  contacts: [
    { name: "Owner", email: "owner@example.com", role: "owner" },
    { name: "Sec", email: "sec@example.com", role: "security" },
  ],
});
const deletionDate = new Date("2026-07-01T00:00:00Z");
let stateDir: string;

beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), "silo-offboard-"));
});

afterEach(async () => {
  // The state folder and any earlier offboarding's record moved beside it.
  for (const entry of await readdir(dirname(stateDir))) {
    if (entry.startsWith(basename(stateDir)))
      await rm(join(dirname(stateDir), entry), { recursive: true, force: true });
  }
});

function setup(overrides: Partial<OffboardTenantArgs> = {}, cloudOptions = {}) {
  const aws = fakeOffboardingCloud(cloudOptions);
  // Production and, beside it in the same account, staging (docs/deploy.md).
  const pulumi = fakeStackWorkspaces({
    config: {
      "tenant-acme": { "aws:region": "eu-west-1" },
      "staging.tenant-acme": { "aws:region": "eu-central-1" },
    },
    outputs: {
      "tenant-acme": { url: "https://api.example.com/acme", keyArn: "arn:aws:kms:eu-west-1:1:key/acme" },
      shared: { platformKeyArn: "arn:aws:kms:eu-west-1:1:key/platform" },
      "staging.tenant-acme": {
        url: "https://staging.example.com/acme",
        keyArn: "arn:aws:kms:eu-central-1:1:key/staging-acme",
      },
      "staging.shared": { platformKeyArn: "arn:aws:kms:eu-central-1:1:key/staging-platform" },
    },
  });
  const destroy = pulumi.workspaces.select;
  pulumi.workspaces.select = async (name, options) => {
    const stack = await destroy(name, options);
    return {
      ...stack,
      destroy: async (runOptions) => {
        await stack.destroy(runOptions);
        aws.destroyed(
          [name.startsWith("staging.") ? "/staging/silo/acme/ledger-role" : "/silo/acme/ledger-role"],
          deletionDate,
        );
        return { changes: { delete: 42 } };
      },
    };
  };
  const progress: string[] = [];
  const exports: string[] = [];
  const args: OffboardTenantArgs = {
    tenant: acme,
    workspaces: pulumi.workspaces,
    cloudFor: () => aws.cloud,
    exportToken: async () => "token-acme",
    exportData: async (exportArgs) => {
      exports.push(`${exportArgs.baseUrl} ${exportArgs.token} ${exportArgs.exportId ?? "new"}`);
      return { exportId: "exp-1", file: exportArgs.file, sha256: "ab".repeat(32), sizeBytes: 1234 };
    },
    stateDir,
    progress: (line) => progress.push(line),
    sleep: async () => undefined,
    now: () => new Date("2026-06-01T00:00:00Z"),
    ...overrides,
  };
  return { args, aws, pulumi, progress, exports };
}

describe("offboardTenant", () => {
  it("snapshots, re-encrypts the copy, exports, unprotects, destroys, then deletes the secrets without recovery", async () => {
    // Prepare
    const { args, aws, pulumi, progress, exports } = setup();

    // Act
    const state = await offboardTenant(args);

    // Assess
    expect(aws.calls).toEqual([
      "createSnapshot silo-acme silo-acme-offboarding-20260601t0000",
      "copySnapshot silo-acme-offboarding-20260601t0000 silo-acme-offboarding-20260601t0000-retained arn:aws:kms:eu-west-1:1:key/platform",
      "disableDeletionProtection silo-acme",
      "deleteSecretNow /silo/acme/ledger-role",
    ]);
    expect(exports).toEqual(["https://api.example.com/acme token-acme new"]);
    expect(pulumi.runs.map((run) => [run.stackName, run.operation])).toEqual([["tenant-acme", "destroy"]]);
    expect(Object.keys(state.done)).toEqual([
      "stack",
      "snapshot",
      "export",
      "deletion-protection",
      "destroy",
      "scheduled-deletion",
      "ledger",
    ]);
    expect(progress).toContain(
      "[offboard acme] 6/7 scheduled-deletion: secret /silo/acme/ledger-role deleted without recovery; " +
        "key arn:aws:kms:eu-west-1:1:key/acme is deleted on 2026-07-01 (restorable until then)",
    );
    expect(await readFile(join(stateDir, "tenant-acme.log"), "utf8")).toContain(
      "destroy tenant-acme: working",
    );
  });

  it("stops before destroy when a step fails, and resumes at that step on the next run", async () => {
    const first = setup({ exportToken: undefined });

    await expect(offboardTenant(first.args)).rejects.toMatchObject({
      code: "OFFBOARD_STEP_FAILED",
      message: expect.stringContaining(
        "offboarding acme stopped at step export: no token to export acme's data with; pass --token-command",
      ),
    });
    expect(first.pulumi.runs).toEqual([]);
    expect(first.aws.calls).not.toContain("disableDeletionProtection silo-acme");

    // The same state folder, now with a token: finished steps are skipped.
    const second = setup();
    second.aws.snapshots.set("silo-acme-offboarding-20260601t0000", { polls: 5 });
    second.aws.snapshots.set("silo-acme-offboarding-20260601t0000-retained", { polls: 5 });
    await offboardTenant(second.args);

    expect(second.progress.slice(0, 2)).toEqual([
      "[offboard acme] 1/7 stack: done at 2026-06-01T00:00:00.000Z, skipped",
      "[offboard acme] 2/7 snapshot: done at 2026-06-01T00:00:00.000Z, skipped",
    ]);
    expect(second.aws.calls).toEqual([
      "disableDeletionProtection silo-acme",
      "deleteSecretNow /silo/acme/ledger-role",
    ]);
    expect(second.pulumi.runs.map((run) => run.operation)).toEqual(["destroy"]);
  });

  it("does not take a second snapshot when one exists from an interrupted run", async () => {
    const { args, aws } = setup();
    aws.snapshots.set("silo-acme-offboarding-20260601t0000", { polls: 0 });

    await offboardTenant(args);

    expect(aws.calls.filter((call) => call.startsWith("createSnapshot"))).toEqual([]);
  });

  it("begins a new offboarding, under snapshot names of its own, for a tenant onboarded again", async () => {
    // Prepare: a finished offboarding, then the same tenant id deployed again months later
    await offboardTenant(setup().args);
    const again = setup({ now: () => new Date("2026-11-20T09:30:00Z") });

    // Act
    await offboardTenant(again.args);

    // Assess: the first run's record is kept aside; its snapshots are neither reused nor overwritten
    expect(again.aws.calls).toEqual([
      "createSnapshot silo-acme silo-acme-offboarding-20261120t0930",
      "copySnapshot silo-acme-offboarding-20261120t0930 silo-acme-offboarding-20261120t0930-retained arn:aws:kms:eu-west-1:1:key/platform",
      "disableDeletionProtection silo-acme",
      "deleteSecretNow /silo/acme/ledger-role",
    ]);
    expect(again.progress[0]).toMatch(
      /^\[offboard acme\] an earlier offboarding finished at 2026-06-01T00:00:00.000Z; its record moved to .*-20260601t000000000z$/,
    );
  });

  it("does nothing when the tenant is already offboarded and its stack is gone", async () => {
    // Prepare
    await offboardTenant(setup().args);
    const again = setup();
    again.pulumi.workspaces.select = async () => {
      throw new Error("no stack named tenant-acme");
    };

    // Act
    const state = await offboardTenant(again.args);

    // Assess
    expect(again.aws.calls).toEqual([]);
    expect(again.progress).toEqual([
      `[offboard acme] already offboarded at 2026-06-01T00:00:00.000Z (${join(stateDir, "state.json")}); nothing to do`,
    ]);
    expect(state.startedAt).toBe("2026-06-01T00:00:00.000Z");
  });

  it("never destroys when the snapshot copy fails", async () => {
    const { args, pulumi } = setup({}, { failCopy: true });

    await expect(offboardTenant(args)).rejects.toMatchObject({
      message: expect.stringContaining(
        "stopped at step snapshot: KMS key not usable by RDS\nNothing after this step ran: the stack is not destroyed.",
      ),
    });
    expect(pulumi.runs).toEqual([]);
  });

  it("uses --retention-key-arn over the shared stack's platform key", async () => {
    const { args, aws } = setup({ retentionKeyArn: "arn:aws:kms:eu-west-1:1:key/archive" });

    await offboardTenant(args);

    expect(aws.calls[1]).toBe(
      "copySnapshot silo-acme-offboarding-20260601t0000 silo-acme-offboarding-20260601t0000-retained arn:aws:kms:eu-west-1:1:key/archive",
    );
  });

  it("fails after destroy, with the fix, when a secret was deleted without a schedule check passing", async () => {
    const { args, aws, pulumi } = setup();
    const select = pulumi.workspaces.select;
    pulumi.workspaces.select = async (name, options) => {
      const stack = await select(name, options);
      return { ...stack, destroy: async () => ({ changes: { delete: 1 } }) };
    };

    const act = offboardTenant(args);

    await expect(act).rejects.toMatchObject({
      message: expect.stringContaining(
        "secret /silo/acme/ledger-role is still active after the destroy; fix: aws secretsmanager delete-secret --secret-id /silo/acme/ledger-role --force-delete-without-recovery --region eu-west-1, then run again",
      ),
    });
    await expect(offboardTenant(args)).rejects.toMatchObject({
      message: expect.stringContaining("The stack is destroyed;"),
    });
    expect(aws.calls).toContain("disableDeletionProtection silo-acme");
  });

  it("offboards the qualified stacks with their own names, leaving production's alone", async () => {
    // Prepare
    const { args, aws, pulumi, progress, exports } = setup({ environmentQualifier: "staging" });

    // Act
    await offboardTenant(args);

    // Assess
    expect(aws.calls).toEqual([
      "createSnapshot staging-silo-acme staging-silo-acme-offboarding-20260601t0000",
      "copySnapshot staging-silo-acme-offboarding-20260601t0000 staging-silo-acme-offboarding-20260601t0000-retained arn:aws:kms:eu-central-1:1:key/staging-platform",
      "disableDeletionProtection staging-silo-acme",
      "deleteSecretNow /staging/silo/acme/ledger-role",
    ]);
    expect(pulumi.events.filter((event) => event.startsWith("select"))).toEqual(
      expect.arrayContaining(["select staging.tenant-acme", "select staging.shared"]),
    );
    expect(pulumi.events).not.toContain("select tenant-acme");
    expect(pulumi.events).not.toContain("select shared");
    expect(pulumi.runs.map((run) => [run.stackName, run.operation])).toEqual([
      ["staging.tenant-acme", "destroy"],
    ]);
    expect(exports).toEqual(["https://staging.example.com/acme token-acme new"]);
    expect(progress).toContain(
      "[offboard acme] 7/7 ledger: the usage-ledger rows of acme stay in staging.shared's ledger (staging-silo-usage-ledger); " +
        "the destroy disabled its ledger role (no login, open sessions ended); report them with silo ledger report --month YYYY-MM --tenant acme",
    );
    expect(progress.at(-1)).toBe(
      "[offboard acme] complete; staging.tenant-acme is gone. Keep tenants/acme.yaml while another environment's stack of acme uses it",
    );
  });

  it("names the qualified final snapshot when the qualified database is gone", async () => {
    // Prepare
    const { args } = setup({ environmentQualifier: "staging" }, { instanceExists: false });

    // Act
    const act = offboardTenant(args);

    // Assess
    await expect(act).rejects.toMatchObject({
      code: "OFFBOARD_STEP_FAILED",
      message: expect.stringContaining(
        "database staging-silo-acme does not exist, so no offboarding snapshot can be taken; if the stack deleted it, its final snapshot is staging-silo-acme-final-<suffix>",
      ),
    });
  });

  it("checks the qualified stack, not production's, before saying a finished offboarding has nothing to do", async () => {
    // Prepare: staging offboarded; its stack gone, production's still there
    await offboardTenant(setup({ environmentQualifier: "staging" }).args);
    const again = setup({ environmentQualifier: "staging" });
    const select = again.pulumi.workspaces.select;
    again.pulumi.workspaces.select = async (name, options) => {
      if (name === "staging.tenant-acme") throw new Error("no stack named staging.tenant-acme");
      return select(name, options);
    };

    // Act
    await offboardTenant(again.args);

    // Assess
    expect(again.aws.calls).toEqual([]);
    expect(again.progress).toEqual([
      `[offboard acme] already offboarded at 2026-06-01T00:00:00.000Z (${join(stateDir, "state.json")}); nothing to do`,
    ]);
  });
});
