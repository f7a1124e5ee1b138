import { beforeAll, describe, expect, it } from "vitest";
import { runSilo } from "../captureContext.ts";

// `silo plan --environment` in-process: the real programs under Pulumi's mocks, the real pack, once for the
// unqualified fleet and once for the same fleet qualified with `staging`, as both would be deployed in one
// account. Pulumi's runtime state is process-global, which vitest's per-file isolation keeps to this file.

interface PlanJson {
  stacks: Array<{
    name: string;
    resources: Array<{ type: string; name: string; inputs: Record<string, unknown> }>;
    violations: Array<{ policy: string; message: string }>;
  }>;
}

/** Inputs that set a resource's physical (account- or Region-wide) name. */
const nameInputs = ["name", "namePrefix", "identifier", "identifierPrefix", "bucketPrefix", "functionName"];

/**
 * Types whose `name` is scoped to another resource (an inline policy to its role, a stage to its API), not
 * a physical name in the account; two environments may share them.
 */
const scopedNameTypes = new Set(["aws:iam/rolePolicy:RolePolicy", "aws:apigatewayv2/stage:Stage"]);

/** Every physical name a plan records, with the type that carries it (`<type> <name>`). */
function physicalNames(plan: PlanJson): Map<string, string> {
  const names = new Map<string, string>();
  for (const resource of plan.stacks.flatMap((stack) => stack.resources)) {
    if (scopedNameTypes.has(resource.type)) continue;
    const tags = resource.inputs.tags as Record<string, unknown> | undefined;
    for (const value of [...nameInputs.map((key) => resource.inputs[key]), tags?.Name]) {
      if (typeof value === "string" && value !== "") names.set(value, resource.type);
    }
  }
  return names;
}

let unqualified: { exitCode: number; stdout: string; stderr: string };
let staging: { exitCode: number; stdout: string; stderr: string };

beforeAll(async () => {
  unqualified = await runSilo("plan", "--stack", "all", "--format", "json");
  staging = await runSilo("plan", "--stack", "all", "--environment", "staging", "--format", "json");
}, 240_000);

describe("silo plan --environment staging", () => {
  it("plans the qualified shared and tenant stacks with zero violations", () => {
    // Assess
    const plan = JSON.parse(staging.stdout) as PlanJson;
    expect(staging.exitCode).toBe(0);
    expect(plan.stacks.map((stack) => stack.name)).toEqual([
      "staging.shared",
      "staging.tenant-acme-health",
      "staging.tenant-globex",
      "staging.tenant-initech",
    ]);
    expect(plan.stacks.flatMap((stack) => stack.violations)).toEqual([]);
  });

  it("gives no resource a physical name of the unqualified fleet", () => {
    // Prepare
    const production = physicalNames(JSON.parse(unqualified.stdout) as PlanJson);
    const qualified = physicalNames(JSON.parse(staging.stdout) as PlanJson);

    // Act
    const shared = [...qualified.keys()].filter((name) => production.has(name));

    // Assess: both plans name many resources, and none twice.
    expect(unqualified.exitCode).toBe(0);
    expect(production.size).toBeGreaterThan(50);
    expect(qualified.size).toBe(production.size);
    expect(shared.map((name) => `${qualified.get(name)} ${name}`)).toEqual([]);
  });

  it("names the qualified resources with the qualifier in front", () => {
    // Prepare
    const qualified = physicalNames(JSON.parse(staging.stdout) as PlanJson);

    // Assess
    for (const name of [
      "staging-silo-edge-authorizer",
      "staging-silo-usage-ledger",
      "alias/staging/silo/shared",
      "staging-silo-globex-chat",
      "/aws/lambda/staging-silo-globex-chat",
      "staging-silo-globex",
      "alias/staging/silo/globex",
      "/staging/silo/globex/ledger-role",
    ]) {
      expect(qualified.has(name), name).toBe(true);
    }
  });

  it("refuses a malformed qualifier, and --environment with --program, naming the fix", async () => {
    // Act
    const badQualifier = await runSilo("plan", "--environment", "Staging");
    const withProgram = await runSilo("plan", "--environment", "staging", "--program", "stacks/index.ts");

    // Assess
    expect(badQualifier.exitCode).toBe(2);
    expect(badQualifier.stderr).toMatch(
      /environment qualifier "Staging" is not 2-10 characters of a-z and 0-9, starting with a letter; use e.g. staging/,
    );
    expect(withProgram.exitCode).toBe(1);
    expect(withProgram.stderr).toMatch(
      /--environment qualifies this project's stacks; --program runs another program/,
    );
  });
});
