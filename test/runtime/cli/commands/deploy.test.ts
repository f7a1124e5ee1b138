import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeStackWorkspaces } from "../../fleet/fakeStackWorkspaces.ts";
import { runSilo } from "../captureContext.ts";

const seams = vi.hoisted(() => ({
  fake: undefined as unknown as ReturnType<
    typeof import("../../fleet/fakeStackWorkspaces.ts").fakeStackWorkspaces
  >,
  pulumiVersion: "v3.200.0" as string | undefined,
  builds: 0,
}));

vi.mock("../../../../runtime/fleet/localStackWorkspaces.ts", () => ({
  localStackWorkspaces: () => seams.fake.workspaces,
}));
vi.mock("../../../../runtime/fleet/buildLambdaBundles.ts", () => ({
  buildLambdaBundles: async () => {
    seams.builds += 1;
    return ["chat"];
  },
}));
vi.mock("../../../../runtime/fleet/probePrerequisites.ts", () => ({
  probePrerequisites: () => ({
    env: { PULUMI_ACCESS_TOKEN: "pul-test", AWS_PROFILE: "ops" },
    homeDir: "/nowhere",
    pulumiVersion: async () => seams.pulumiVersion,
    readText: async (file: string) => (file.endsWith("config") ? "[profile ops]\n" : undefined),
  }),
}));

let dir: string;
let tenantsDir: string;
let logDir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "silo-deploy-"));
  tenantsDir = join(dir, "tenants");
  logDir = join(dir, "logs");
  for (const id of ["acme", "globex", "initech"]) await runSilo("tenants", "new", id, "--dir", tenantsDir);
  seams.fake = fakeStackWorkspaces({ config: { shared: { "aws:region": "eu-west-1" } } });
  seams.pulumiVersion = "v3.200.0";
  seams.builds = 0;
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const deploy = (...args: string[]) => runSilo("deploy", "--dir", tenantsDir, "--log-dir", logDir, ...args);

describe("silo deploy", () => {
  it("deploys shared then every tenant, prints progress, a summary and exits 0", async () => {
    // Act
    const result = await deploy("--all", "--concurrency", "2");

    // Assess
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain(
      "[silo deploy] pulumi v3.200.0; up shared, then 3 tenant stack(s), 2 at a time;",
    );
    expect(result.stderr).toContain("[tenant-globex] succeeded in");
    expect(result.stdout).toMatch(
      /^STACK +RESULT +CHANGES +DURATION +LOG\nshared +succeeded +2 create, 5 same /,
    );
    expect(result.stdout).toContain("deploy: 4 succeeded, 0 failed, 0 not attempted\n");
    expect(seams.fake.state.maxInFlight).toBe(2);
    expect(seams.builds).toBe(1);
    expect(await readFile(join(logDir, "tenant-acme.log"), "utf8")).toContain("up tenant-acme: working\n");
  });

  it("exits 1 when one tenant fails, after deploying the others", async () => {
    seams.fake = fakeStackWorkspaces({
      config: { shared: { "aws:region": "eu-west-1" } },
      failing: { "tenant-acme": new Error("stderr: error: creating RDS instance: quota exceeded") },
    });

    const result = await deploy("--tenant", "acme", "--tenant", "initech");

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain("deploy: 2 succeeded, 1 failed, 0 not attempted\n");
    expect(result.stdout).toContain("tenant-acme: error: creating RDS instance: quota exceeded\n");
    expect(seams.fake.events).toContain("end up tenant-initech");
  });

  it("exits 1 and attempts no tenant when shared fails", async () => {
    seams.fake = fakeStackWorkspaces({ failing: { shared: new Error("error: VPC limit") } });

    const result = await deploy("--all");

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain("deploy: 0 succeeded, 1 failed, 3 not attempted\n");
    expect(result.stderr).toContain("3 tenant stack(s) not attempted: the shared stack failed");
    expect(seams.builds).toBe(0);
  });

  it("previews with the policy pack from policies/", async () => {
    const result = await deploy("--tenant", "globex", "--preview", "--policy-pack");

    expect(result.exitCode).toBe(0);
    expect(seams.fake.runs.map((run) => [run.stackName, run.operation])).toEqual([
      ["shared", "preview"],
      ["tenant-globex", "preview"],
    ]);
    expect(seams.fake.runs[0]?.options.policyPacks?.[0]).toMatch(/\/policies$/);
    expect(result.stdout).toContain("preview: 2 succeeded");
  });

  it("fails at once, naming the fix, when the Pulumi CLI is missing", async () => {
    seams.pulumiVersion = undefined;

    const result = await deploy("--all");

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(
      "error [PREREQUISITES_MISSING]: cannot run Pulumi here:\n- the Pulumi CLI is not on PATH",
    );
    expect(seams.fake.events).toEqual([]);
  });

  it.each([
    [["--all", "--tenant", "acme"], 1, "error [DEPLOY_SELECTION_INVALID]"],
    [[], 1, "say which tenant stacks to deploy"],
    [["--tenant", "nobody"], 1, "error [TENANT_NOT_FOUND]: no tenant file for nobody"],
    [["--all", "--concurrency", "0"], 2, '"0" is not a whole number from 1 to 32'],
    [["--tenant", "Bad_Id"], 2, '"Bad_Id" is not a tenant id'],
  ])("refuses %j", async (args, exitCode, message) => {
    const result = await deploy(...args);

    expect(result.exitCode).toBe(exitCode);
    expect(result.stderr).toContain(message);
    expect(seams.fake.events).toEqual([]);
  });
});
