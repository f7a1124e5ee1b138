import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeStackWorkspaces } from "../../fleet/fakeStackWorkspaces.ts";
import { fakeOffboardingCloud } from "../../fleet/offboard/fakeOffboardingCloud.ts";
import { runSilo } from "../captureContext.ts";

const seams = vi.hoisted(() => ({
  pulumi: undefined as unknown as ReturnType<
    typeof import("../../fleet/fakeStackWorkspaces.ts").fakeStackWorkspaces
  >,
  aws: undefined as unknown as ReturnType<
    typeof import("../../fleet/offboard/fakeOffboardingCloud.ts").fakeOffboardingCloud
  >,
  tokens: [] as string[],
}));

vi.mock("../../../../runtime/fleet/localStackWorkspaces.ts", () => ({
  localStackWorkspaces: () => seams.pulumi.workspaces,
}));
vi.mock("../../../../runtime/fleet/offboard/awsOffboardingCloud.ts", () => ({
  awsOffboardingCloud: () => seams.aws.cloud,
}));
vi.mock("../../../../runtime/fleet/offboard/exportTenantData.ts", () => ({
  exportTenantData: async (args: { token: string; file: string }) => {
    seams.tokens.push(args.token);
    return { exportId: "exp-1", file: args.file, sha256: "0".repeat(64), sizeBytes: 10 };
  },
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
let tenantsDir: string;
let stateDir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "silo-offboard-cli-"));
  tenantsDir = join(dir, "tenants");
  stateDir = join(dir, "state");
  await runSilo("tenants", "new", "acme", "--dir", tenantsDir);
  seams.aws = fakeOffboardingCloud();
  seams.tokens = [];
  // Production and, beside it in the same account, staging (docs/deploy.md).
  seams.pulumi = fakeStackWorkspaces({
    config: {
      "tenant-acme": { "aws:region": "eu-west-1" },
      "staging.tenant-acme": { "aws:region": "eu-west-1" },
    },
    outputs: {
      "tenant-acme": { url: "https://api.example.com/acme", keyArn: "arn:aws:kms:eu-west-1:1:key/acme" },
      shared: { platformKeyArn: "arn:aws:kms:eu-west-1:1:key/platform" },
      "staging.tenant-acme": {
        url: "https://staging.example.com/acme",
        keyArn: "arn:aws:kms:eu-west-1:1:key/staging-acme",
      },
      "staging.shared": { platformKeyArn: "arn:aws:kms:eu-west-1:1:key/staging-platform" },
    },
  });
  const select = seams.pulumi.workspaces.select;
  seams.pulumi.workspaces.select = async (name, options) => {
    const stack = await select(name, options);
    return {
      ...stack,
      destroy: async (runOptions) => {
        await stack.destroy(runOptions);
        seams.aws.destroyed(
          [name.startsWith("staging.") ? "/staging/silo/acme/ledger-role" : "/silo/acme/ledger-role"],
          new Date("2026-07-01T00:00:00Z"),
        );
        return { changes: { delete: 40 } };
      },
    };
  };
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const offboard = (...args: string[]) =>
  runSilo(
    "tenants",
    "offboard",
    "acme",
    "--dir",
    tenantsDir,
    "--state-dir",
    stateDir,
    "--poll-seconds",
    "0",
    ...args,
  );

describe("silo tenants offboard", () => {
  it("refuses without a terminal and without --yes-i-mean, touching nothing", async () => {
    const result = await offboard("--token-command", "echo a.b.c");

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(
      "error [OFFBOARD_NOT_CONFIRMED]: offboarding acme destroys its stack and there is no terminal to confirm on " +
        "(CI, or stdin is not a TTY); pass --yes-i-mean acme to confirm\n",
    );
    expect(seams.pulumi.events).toEqual([]);
  });

  it("refuses a confirmation naming another tenant", async () => {
    const result = await offboard("--yes-i-mean", "globex");

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("--yes-i-mean globex does not name the tenant being offboarded (acme)");
    expect(seams.pulumi.events).toEqual([]);
  });

  it("runs every step with progress, destroys last, and keeps the state", async () => {
    const result = await offboard("--yes-i-mean", "acme", "--token-command", "echo header.payload.signature");

    expect(result.exitCode).toBe(0);
    expect(result.stderr.split("\n").filter((line) => / \d\/7 [a-z-]+: /.test(line))).toHaveLength(14);
    expect(result.stderr).toContain("[offboard acme] 5/7 destroy: 40 resources deleted");
    expect(result.stdout).toMatch(
      /offboarded acme; kept: snapshot silo-acme-offboarding-\d{8}t\d{4}-retained/,
    );
    expect(seams.tokens).toEqual(["header.payload.signature"]);
    expect(JSON.parse(await readFile(join(stateDir, "acme", "state.json"), "utf8")).done).toHaveProperty(
      "ledger",
    );
  });

  it("stops before destroy without a token for the export, then resumes", async () => {
    const stopped = await offboard("--yes-i-mean", "acme");
    const resumed = await offboard(
      "--yes-i-mean",
      "acme",
      "--token-command",
      "echo header.payload.signature",
    );

    expect(stopped.exitCode).toBe(1);
    expect(stopped.stderr).toContain(
      "error [OFFBOARD_STEP_FAILED]: offboarding acme stopped at step export:",
    );
    expect(stopped.stderr).toContain("the stack is not destroyed");
    expect(resumed.exitCode).toBe(0);
    expect(resumed.stderr).toContain("[offboard acme] 2/7 snapshot: done at");
    expect(seams.pulumi.runs.map((run) => run.operation)).toEqual(["destroy"]);
  });

  it("offboards the staging stacks with --environment, keeping their state in a folder of their own", async () => {
    // Act
    const result = await offboard(
      "--environment",
      "staging",
      "--yes-i-mean",
      "acme",
      "--token-command",
      "echo header.payload.signature",
    );

    // Assess
    expect(result.exitCode).toBe(0);
    expect(seams.pulumi.runs.map((run) => [run.stackName, run.operation])).toEqual([
      ["staging.tenant-acme", "destroy"],
    ]);
    expect(seams.pulumi.events).toContain("select staging.shared");
    expect(seams.pulumi.events).not.toContain("select tenant-acme");
    expect(seams.pulumi.events).not.toContain("select shared");
    expect(seams.aws.calls).toEqual([
      expect.stringMatching(/^createSnapshot staging-silo-acme staging-silo-acme-offboarding-\d{8}t\d{4}$/),
      expect.stringMatching(
        /^copySnapshot staging-silo-acme-offboarding-\d{8}t\d{4} .*-retained arn:aws:kms:eu-west-1:1:key\/staging-platform$/,
      ),
      "disableDeletionProtection staging-silo-acme",
      "deleteSecretNow /staging/silo/acme/ledger-role",
    ]);
    expect(result.stdout).toMatch(
      /^offboarded acme; kept: snapshot staging-silo-acme-offboarding-\d{8}t\d{4}-retained, .*staging\.acme\/export\.jsonl, the ledger rows\n$/,
    );
    expect(await readdir(stateDir)).toEqual(["staging.acme"]);
    expect(
      JSON.parse(await readFile(join(stateDir, "staging.acme", "state.json"), "utf8")).done,
    ).toHaveProperty("ledger");
  });

  it("refuses a malformed --environment with the value and the fix, before anything runs", async () => {
    // Act
    const result = await offboard("--environment", "Staging", "--yes-i-mean", "acme");

    // Assess
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(
      /environment qualifier "Staging" is not 2-10 characters of a-z and 0-9, starting with a letter; use e.g. staging/,
    );
    expect(seams.pulumi.events).toEqual([]);
    expect(seams.aws.calls).toEqual([]);
  });

  it("refuses in CI from the real executable, with a clear error", async () => {
    const bin = new URL("../../../../runtime/cli/bin.mjs", import.meta.url).pathname;

    const failed = await promisify(execFile)(
      process.execPath,
      [bin, "tenants", "offboard", "acme", "--dir", tenantsDir, "--state-dir", stateDir],
      { env: { ...process.env, CI: "true", NO_COLOR: "1" } },
    ).catch((error: { code: number; stderr: string }) => error);

    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain(
      "error [OFFBOARD_NOT_CONFIRMED]: offboarding acme destroys its stack",
    );
  });
});
