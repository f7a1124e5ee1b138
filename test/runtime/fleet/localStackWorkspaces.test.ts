import { beforeEach, describe, expect, it, vi } from "vitest";

const automation = vi.hoisted(() => {
  class StackNotFoundError extends Error {}
  const calls: Array<{ method: string; stackName: string; workDir: string; started: number }> = [];
  let clock = 0;
  const stackOf = (stackName: string) => ({
    getAllConfig: vi.fn(async () => ({ "aws:region": { value: "eu-west-1", secret: false } })),
    setAllConfig: vi.fn(async () => undefined),
    outputs: vi.fn(async () => ({ url: { value: "https://api.example.com/acme", secret: false } })),
    up: vi.fn(async (options: { onOutput: (text: string) => void }) => {
      options.onOutput(`up ${stackName}\n`);
      return { summary: { resourceChanges: { create: 3 } } };
    }),
    preview: vi.fn(async () => ({ changeSummary: { same: 4 } })),
    destroy: vi.fn(async () => ({ summary: { resourceChanges: { delete: 9 } } })),
  });
  const open = (method: string) =>
    vi.fn(async (args: { stackName: string; workDir: string }) => {
      const started = ++clock;
      await new Promise((resolve) => setTimeout(resolve, 5));
      calls.push({ method, stackName: args.stackName, workDir: args.workDir, started });
      if (args.stackName === "tenant-gone") throw new StackNotFoundError("no stack named tenant-gone");
      return stackOf(args.stackName);
    });
  return {
    calls,
    module: {
      StackNotFoundError,
      LocalWorkspace: { selectStack: open("selectStack"), createOrSelectStack: open("createOrSelectStack") },
    },
  };
});

vi.mock("@pulumi/pulumi/automation/index.js", () => automation.module);

const { localStackWorkspaces } = await import("../../../runtime/fleet/localStackWorkspaces.ts");

beforeEach(() => {
  automation.calls.length = 0;
});

describe("localStackWorkspaces", () => {
  it("opens every stack through its own LocalWorkspace call in the project folder, one select at a time", async () => {
    const workspaces = localStackWorkspaces({ workDir: "/repo" });

    const stacks = await Promise.all([
      workspaces.select("tenant-acme"),
      workspaces.select("shared", { create: true }),
    ]);

    expect(stacks.map((stack) => stack.name)).toEqual(["tenant-acme", "shared"]);
    expect(automation.calls.map(({ method, stackName, workDir }) => [method, stackName, workDir])).toEqual([
      ["selectStack", "tenant-acme", "/repo"],
      ["createOrSelectStack", "shared", "/repo"],
    ]);
    // The second select started only after the first had finished.
    expect(automation.calls[1]?.started).toBe(2);
  });

  it("maps results, config and outputs to plain values, and passes the policy pack", async () => {
    const stack = await localStackWorkspaces({ workDir: "/repo" }).select("tenant-acme");
    const output: string[] = [];

    const up = await stack.up({ onOutput: (text) => output.push(text), policyPacks: ["/repo/policies"] });

    expect(up.changes).toEqual({ create: 3 });
    expect((await stack.preview({ onOutput: () => undefined })).changes).toEqual({ same: 4 });
    expect((await stack.destroy({ onOutput: () => undefined })).changes).toEqual({ delete: 9 });
    expect(await stack.getAllConfig()).toEqual({ "aws:region": "eu-west-1" });
    expect(await stack.outputs()).toEqual({ url: "https://api.example.com/acme" });
    expect(output).toEqual(["up tenant-acme\n"]);
  });

  it("turns a missing stack into STACK_NOT_FOUND, and the next select still works", async () => {
    const workspaces = localStackWorkspaces({ workDir: "/repo" });

    await expect(workspaces.select("tenant-gone")).rejects.toMatchObject({ code: "STACK_NOT_FOUND" });
    await expect(workspaces.select("tenant-acme")).resolves.toMatchObject({ name: "tenant-acme" });
  });
});
