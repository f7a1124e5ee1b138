import { describe, expect, it } from "vitest";
import { SiloError } from "../../../runtime/core/errors/siloError.ts";
import { type DeployFleetArgs, deployFleet } from "../../../runtime/fleet/deployFleet.ts";
import { planDeploy } from "../../../runtime/fleet/planDeploy.ts";
import { fakeStackWorkspaces, memoryLogs, tenant } from "./fakeStackWorkspaces.ts";

const sharedConfig = { shared: { "aws:region": "eu-west-1" } };

function setup(
  ids: string[],
  fake: ReturnType<typeof fakeStackWorkspaces>,
  overrides: Partial<DeployFleetArgs> = {},
) {
  const progress: string[] = [];
  const logs = memoryLogs();
  const args: DeployFleetArgs = {
    plan: planDeploy(
      ids.map((id) => tenant(id)),
      { all: true },
    ),
    workspaces: fake.workspaces,
    operation: "up",
    concurrency: 2,
    logs,
    progress: (line) => progress.push(line),
    clock: () => 0,
    ...overrides,
  };
  return { args, progress, logs };
}

describe("deployFleet", () => {
  it("deploys shared first, then each tenant stack in a workspace of its own", async () => {
    // Prepare
    const fake = fakeStackWorkspaces({ config: sharedConfig });
    const { args } = setup(["acme", "globex", "initech"], fake, { concurrency: 1 });

    // Act
    const report = await deployFleet(args);

    // Assess
    expect(fake.events.indexOf("end up shared")).toBeLessThan(
      fake.events.findIndex((event) => event.includes("tenant-")),
    );
    expect(fake.opened.map((stack) => stack.name)).toEqual([
      "shared",
      "tenant-acme",
      "tenant-globex",
      "tenant-initech",
    ]);
    expect(new Set(fake.opened).size).toBe(4);
    expect(report.outcomes.map((outcome) => [outcome.stackName, outcome.result])).toEqual([
      ["shared", "succeeded"],
      ["tenant-acme", "succeeded"],
      ["tenant-globex", "succeeded"],
      ["tenant-initech", "succeeded"],
    ]);
  });

  it.each([1, 2, 4])("runs at most %i tenant stacks at once, and that many in parallel", async (limit) => {
    const fake = fakeStackWorkspaces({ config: sharedConfig, delayMs: 20 });
    const { args } = setup(["one", "two", "three", "four", "five", "six"], fake, { concurrency: limit });

    await deployFleet(args);

    expect(fake.state.maxInFlight).toBe(limit);
    expect(fake.runs.filter((run) => run.operation === "up")).toHaveLength(7);
  });

  it("reports a failing tenant stack and still deploys the others", async () => {
    const fake = fakeStackWorkspaces({
      config: sharedConfig,
      failing: {
        "tenant-globex": new Error("code: 255\n stdout: Updating\n stderr: error: RDS quota exceeded\n"),
      },
    });
    const { args, progress, logs } = setup(["acme", "globex", "initech"], fake, { concurrency: 1 });

    const report = await deployFleet(args);

    expect(report.outcomes.map((outcome) => outcome.result)).toEqual([
      "succeeded",
      "succeeded",
      "failed",
      "succeeded",
    ]);
    expect(report.outcomes[2]).toMatchObject({
      reason: "error: RDS quota exceeded",
      logFile: "logs/tenant-globex.log",
    });
    expect(fake.events).toContain("end up tenant-initech");
    expect(progress).toContain(
      "[tenant-globex] FAILED in 0.0s: error: RDS quota exceeded (log: logs/tenant-globex.log)",
    );
    expect(logs.text("tenant-globex")).toContain("RDS quota exceeded");
  });

  it("attempts no tenant stack when shared fails, and says why", async () => {
    const fake = fakeStackWorkspaces({
      config: sharedConfig,
      failing: { shared: new Error("error: no VPC quota") },
    });
    const { args, progress } = setup(["acme", "globex"], fake);

    const report = await deployFleet(args);

    expect(fake.opened.map((stack) => stack.name)).toEqual(["shared"]);
    expect(report.outcomes.map((outcome) => [outcome.stackName, outcome.result])).toEqual([
      ["shared", "failed"],
      ["tenant-acme", "not attempted"],
      ["tenant-globex", "not attempted"],
    ]);
    expect(progress).toContain(
      "[silo deploy] 2 tenant stack(s) not attempted: the shared stack failed, and every tenant stack reads its outputs",
    );
  });

  it("attempts no tenant stack when preparing them fails", async () => {
    const fake = fakeStackWorkspaces({ config: sharedConfig });
    const { args } = setup(["acme"], fake, {
      prepareTenantStacks: async () => {
        throw new SiloError("BUNDLE_TOO_LARGE", "the chat bundle is over its budget");
      },
    });

    const report = await deployFleet(args);

    expect(report.outcomes[1]).toMatchObject({
      result: "not attempted",
      reason:
        "not attempted: preparing the tenant stacks failed: [BUNDLE_TOO_LARGE] the chat bundle is over its budget",
    });
    expect(fake.opened.map((stack) => stack.name)).toEqual(["shared"]);
  });

  it("prepares once, after shared and before the first tenant stack", async () => {
    const fake = fakeStackWorkspaces({ config: sharedConfig });
    let prepared = 0;
    const { args } = setup(["acme", "globex"], fake, {
      prepareTenantStacks: async () => {
        prepared += 1;
        fake.events.push("prepare");
      },
    });

    await deployFleet(args);

    expect(prepared).toBe(1);
    expect(fake.events.indexOf("prepare")).toBeGreaterThan(fake.events.indexOf("end up shared"));
    expect(fake.events.indexOf("prepare")).toBeLessThan(fake.events.indexOf("select tenant-acme"));
  });

  it("sets each tenant stack's Region from shared and the prebuilt Lambda code", async () => {
    const fake = fakeStackWorkspaces({
      config: { ...sharedConfig, "tenant-acme": { "aws:region": "us-east-1" } },
    });
    const { args, logs } = setup(["acme"], fake);

    await deployFleet(args);

    expect(fake.configSet["tenant-acme"]).toEqual({
      "aws:region": { value: "eu-west-1" },
      "silo:lambdaCode": { value: "prebuilt" },
    });
    expect(logs.text("tenant-acme")).toContain(
      "set aws:region=eu-west-1, silo:lambdaCode=prebuilt on tenant-acme",
    );
  });

  it("fails a tenant stack whose config cannot work before running Pulumi on it", async () => {
    const fake = fakeStackWorkspaces({ config: sharedConfig });
    const { args } = setup([], fake);
    const plan = planDeploy([tenant("acme"), tenant("vault", { network: "dedicated" })], { all: true });

    const report = await deployFleet({ ...args, plan });

    expect(report.outcomes.map((outcome) => outcome.result)).toEqual(["succeeded", "succeeded", "failed"]);
    expect(report.outcomes[2]?.reason).toBe(
      "[STACK_CONFIG_INVALID] stack tenant-vault has invalid config (see docs/stacks.md): - silo:vpcCidr is not set, " +
        "but tenants/vault.yaml asks for network: dedicated; fix: pulumi config set silo:vpcCidr 10.20.0.0/16 " +
        "--stack tenant-vault (a range no other VPC of the platform uses)",
    );
    expect(fake.runs.map((run) => run.stackName)).not.toContain("tenant-vault");
  });

  it("previews with the policy pack when asked, and never creates a stack", async () => {
    const fake = fakeStackWorkspaces({ config: sharedConfig });
    const selects: Array<boolean | undefined> = [];
    const select = fake.workspaces.select;
    fake.workspaces.select = (name, options) => {
      selects.push(options?.create);
      return select(name, options);
    };
    const { args } = setup(["acme"], fake, { operation: "preview", policyPacks: ["/repo/policies"] });

    const report = await deployFleet(args);

    expect(report.operation).toBe("preview");
    expect(fake.runs.map((run) => [run.stackName, run.operation, run.options.policyPacks])).toEqual([
      ["shared", "preview", ["/repo/policies"]],
      ["tenant-acme", "preview", ["/repo/policies"]],
    ]);
    expect(selects).toEqual([false, false]);
  });

  it("with --skip-shared reads the shared Region without running shared", async () => {
    const fake = fakeStackWorkspaces({ config: sharedConfig });
    const { args } = setup([], fake);
    const plan = planDeploy([tenant("acme")], { all: true, skipShared: true });

    const report = await deployFleet({ ...args, plan });

    expect(fake.runs.map((run) => run.stackName)).toEqual(["tenant-acme"]);
    expect(report.outcomes.map((outcome) => outcome.stackName)).toEqual(["tenant-acme"]);
    expect(fake.configSet["tenant-acme"]?.["aws:region"]).toEqual({ value: "eu-west-1" });
  });

  it("with --environment deploys the qualified stacks, each tenant's Region from its own environment's shared stack", async () => {
    // Prepare: the unqualified shared stack is elsewhere; the staging one is the one the tenants must follow.
    const fake = fakeStackWorkspaces({
      config: { shared: { "aws:region": "eu-west-1" }, "staging.shared": { "aws:region": "us-east-2" } },
    });
    const { args } = setup([], fake);
    const plan = planDeploy([tenant("acme")], { all: true, environmentQualifier: "staging" });
    const skipped = planDeploy([tenant("acme")], {
      all: true,
      skipShared: true,
      environmentQualifier: "staging",
    });

    // Act
    const report = await deployFleet({ ...args, plan });
    const withoutShared = await deployFleet({ ...args, plan: skipped });

    // Assess
    expect(report.outcomes.map((outcome) => [outcome.stackName, outcome.result])).toEqual([
      ["staging.shared", "succeeded"],
      ["staging.tenant-acme", "succeeded"],
    ]);
    expect(withoutShared.outcomes.map((outcome) => outcome.stackName)).toEqual(["staging.tenant-acme"]);
    expect(fake.configSet["staging.tenant-acme"]?.["aws:region"]).toEqual({ value: "us-east-2" });
    expect(fake.opened.map((stack) => stack.name)).not.toContain("shared");
  });
});
