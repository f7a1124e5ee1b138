import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeStackWorkspaces } from "../../fleet/fakeStackWorkspaces.ts";
import {
  acmeStackState,
  fakeRds,
  instanceUrn,
  tenantAcmeState,
} from "../../fleet/restore/fakeRestoreCloud.ts";
import { runSilo } from "../captureContext.ts";

const seams = vi.hoisted(() => ({
  pulumi: undefined as unknown as ReturnType<
    typeof import("../../fleet/fakeStackWorkspaces.ts").fakeStackWorkspaces
  >,
  rds: undefined as unknown as ReturnType<typeof import("../../fleet/restore/fakeRestoreCloud.ts").fakeRds>,
}));

vi.mock("../../../../runtime/fleet/localStackWorkspaces.ts", () => ({
  localStackWorkspaces: () => seams.pulumi.workspaces,
}));
vi.mock("../../../../runtime/fleet/restore/awsRestoreCloud.ts", () => ({
  awsRestoreCloud: () => seams.rds.cloud,
}));
vi.mock("../../../../runtime/fleet/probePrerequisites.ts", () => ({
  probePrerequisites: () => ({
    env: { PULUMI_ACCESS_TOKEN: "pul-test", AWS_ACCESS_KEY_ID: "A", AWS_SECRET_ACCESS_KEY: "s" },
    homeDir: "/nowhere",
    pulumiVersion: async () => "v3.200.0",
    readText: async () => undefined,
  }),
}));

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "silo-restore-cli-"));
  await runSilo("tenants", "new", "acme", "--dir", dir);
  seams.rds = fakeRds();
  seams.pulumi = fakeStackWorkspaces({
    config: { "tenant-acme": { "aws:region": "eu-west-1" } },
    resources: tenantAcmeState,
  });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const restore = (...args: string[]) =>
  runSilo("tenants", "restore", "acme", "--dir", dir, "--poll-seconds", "0", ...args);

describe("silo tenants restore", () => {
  it("prints the steps and changes nothing with --dry-run", async () => {
    const result = await restore("--snapshot", "silo-acme-before", "--dry-run");

    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain(
      "[restore acme] would 1/5 restore silo-acme-restore from snapshot silo-acme-before",
    );
    expect(result.stderr).toContain(
      `[restore acme] would 5/5 import the restored silo-acme at ${instanceUrn}`,
    );
    expect(seams.rds.calls).toEqual([]);
  });

  it("refuses without a terminal and without --yes-i-mean, after checking, before changing anything", async () => {
    const result = await restore("--snapshot", "silo-acme-before");

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("pass --yes-i-mean acme to confirm");
    expect(seams.rds.calls).toEqual([]);
  });

  it("restores, swaps and fixes the state with --yes-i-mean", async () => {
    const result = await restore("--snapshot", "silo-acme-before", "--yes-i-mean", "acme");

    expect(result.exitCode).toBe(0);
    expect(seams.rds.calls).toHaveLength(3);
    expect(seams.pulumi.events.filter((event) => !event.startsWith("select"))).toEqual([
      `state delete tenant-acme ${instanceUrn}`,
      expect.stringMatching(/^import tenant-acme aws:rds\/instance:Instance acme-db silo-acme /),
    ]);
    expect(result.stdout).toBe(
      "restored acme: silo-acme is the restored database; kept silo-acme-replaced\n",
    );
  });

  it("restores in the staging stack with --environment, under the staging names", async () => {
    // Prepare: production's and staging's instances side by side in one account
    seams.rds = fakeRds({ "staging-silo-acme-before": "available" }, ["silo-acme", "staging-silo-acme"]);
    seams.pulumi = fakeStackWorkspaces({
      config: {
        "tenant-acme": { "aws:region": "eu-west-1" },
        "staging.tenant-acme": { "aws:region": "eu-west-1" },
      },
      resources: { ...tenantAcmeState, ...acmeStackState("staging.tenant-acme", "staging-silo-acme") },
    });

    // Act
    const result = await restore(
      "--environment",
      "staging",
      "--snapshot",
      "staging-silo-acme-before",
      "--yes-i-mean",
      "acme",
    );

    // Assess
    expect(result.exitCode).toBe(0);
    expect(seams.rds.calls).toEqual([
      "restore staging-silo-acme-restore",
      "rename staging-silo-acme staging-silo-acme-replaced",
      "rename staging-silo-acme-restore staging-silo-acme",
    ]);
    expect(seams.pulumi.events).toEqual([
      "select staging.tenant-acme",
      "select staging.tenant-acme",
      expect.stringMatching(/^state delete staging\.tenant-acme urn:pulumi:staging\.tenant-acme::/),
      expect.stringMatching(
        /^import staging\.tenant-acme aws:rds\/instance:Instance acme-db staging-silo-acme /,
      ),
    ]);
    expect(result.stderr).toContain("next: silo deploy --tenant acme --environment staging");
    expect(result.stdout).toBe(
      "restored acme: staging-silo-acme is the restored database; kept staging-silo-acme-replaced\n",
    );
  });

  it("names the qualified instance it would keep when refusing without --yes-i-mean", async () => {
    // Prepare
    seams.rds = fakeRds({ "staging-silo-acme-before": "available" }, ["staging-silo-acme"]);
    seams.pulumi = fakeStackWorkspaces({
      config: { "staging.tenant-acme": { "aws:region": "eu-west-1" } },
      resources: acmeStackState("staging.tenant-acme", "staging-silo-acme"),
    });

    // Act
    const result = await restore("--environment", "staging", "--snapshot", "staging-silo-acme-before");

    // Assess
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("(the current one is kept as staging-silo-acme-replaced)");
    expect(seams.rds.calls).toEqual([]);
  });

  it("refuses a malformed --environment with the value and the fix, before anything runs", async () => {
    // Act
    const result = await restore(
      "--environment",
      "silo",
      "--snapshot",
      "silo-acme-before",
      "--yes-i-mean",
      "acme",
    );

    // Assess
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('environment qualifier "silo" is reserved');
    expect(result.stderr).toContain("choose another, e.g. staging");
    expect(seams.pulumi.events).toEqual([]);
    expect(seams.rds.calls).toEqual([]);
  });

  it("names an unknown snapshot", async () => {
    const result = await restore("--snapshot", "nope", "--yes-i-mean", "acme");

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(
      "error [RESTORE_SNAPSHOT_NOT_FOUND]: snapshot nope does not exist in eu-west-1",
    );
  });

  it("names an unknown tenant", async () => {
    const result = await runSilo("tenants", "restore", "nobody", "--dir", dir, "--snapshot", "s");

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/nobody/);
  });

  it("needs exactly one of --snapshot and --to-time", async () => {
    const result = await restore("--snapshot", "s", "--to-time", "2026-12-05T09:40:00Z");

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(
      "error [RESTORE_SOURCE_INVALID]: pass exactly one of --snapshot <id> and --to-time",
    );
  });
});
