import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPolicyProfile, policyProfilePath } from "../../policies/profiles/loadPolicyProfile.ts";
import type { PolicyProfileName } from "../../policies/profiles/policyProfileNames.ts";
import { allRules } from "../../policies/rules/allRules.ts";
import { defaultTenantsDir } from "../../runtime/core/tenants/defaultTenantsDir.ts";
import { loadTenantsOrThrow } from "../../runtime/core/tenants/loadTenants.ts";
import { type PlannedStack, type PlanTarget, planStacks } from "../../runtime/plan/planStacks.ts";
import { runPolicies } from "../../runtime/plan/policyEngine/runPolicies.ts";
import { type AnalyzerConnection, connectAnalyzer, type WireDiagnostic } from "./support/analyzerClient.ts";
import { levelName } from "./support/analyzerRequests.ts";
import { type RunningPolicyPack, startPolicyPack } from "./support/startPolicyPack.ts";

// The pack as `pulumi preview --policy-pack policies` runs it: policies/index.ts started as the CLI's nodejs
// policy host starts it, and this file in the CLI's part over the Analyzer gRPC protocol (GetAnalyzerInfo,
// Configure with a profile, Analyze per resource, AnalyzeStack). Its answers must equal the offline engine's
// (runtime/plan/policyEngine/, what `silo plan` runs) on the same recorded stacks: the kit's own and bad
// programs of test/fixtures/plan/programs, each of which must fail its rule.
const tenants = await loadTenantsOrThrow();

/** Bad programs, each changing one property so that the rule it is named after fails. */
const badPrograms = [
  "silo-iam-policy-no-wildcard-action",
  "silo-iam-policy-no-foreign-tenant",
  "silo-kms-key-rotation",
  "silo-kms-key-usage-own-roles",
  "silo-kms-tenant-data-own-key",
  "silo-apigateway-method-authorizer",
  "silo-apigateway-stage-waf",
  "silo-lambda-function-runtime",
  "silo-lambda-function-no-secret-environment",
  "silo-rds-instance-tls-forced",
  "silo-rds-instance-deletion-protection",
  "silo-tagging-resources-tenant-tag",
];

const targets: PlanTarget[] = [
  { stackName: "shared", program: { kind: "project" }, source: "shared" },
  { stackName: "tenant-globex", program: { kind: "project" }, source: "tenant-globex" },
  { stackName: "tenant-acme-health", program: { kind: "project" }, source: "tenant-acme-health" },
  ...badPrograms.map((rule) => {
    const path = `test/fixtures/plan/programs/${rule}.ts`;
    return { stackName: "tenant-globex", program: { kind: "file", path }, source: path } as const;
  }),
];

let pack: Promise<RunningPolicyPack> | undefined;
let analyzer: AnalyzerConnection;
let stacks: readonly PlannedStack[];

beforeAll(async () => {
  pack = startPolicyPack(60_000);
  // Both settle before either failure is thrown: a recording left running would go on in Pulumi's
  // process-global state under the next file of this worker (the Pulumi project shares its workers).
  const [started, plan] = await Promise.allSettled([
    pack,
    planStacks({ targets, tenants, tenantsDir: defaultTenantsDir() }),
  ]);
  if (plan.status === "rejected") throw plan.reason;
  if (started.status === "rejected") throw started.reason;
  stacks = plan.value.stacks;
  analyzer = connectAnalyzer(started.value.port);
}, 120_000);

afterAll(async () => {
  analyzer?.close();
  // Also when planning failed first: a pack that is still starting is stopped once it has.
  await (await pack?.catch(() => undefined))?.stop();
});

/** A `--policy-pack-config` file's JSON. */
async function profileFile(name: PolicyProfileName): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(policyProfilePath(name), "utf8")) as Record<string, unknown>;
}

/** What the offline engine reports for a stack, in the form the pack sends it over the wire. */
async function offlineDiagnostics(stack: PlannedStack): Promise<WireDiagnostic[]> {
  const descriptions = new Map(allRules.map((rule) => [rule.name, rule.description]));
  const run = await runPolicies(allRules, stack.resources, {
    profile: await loadPolicyProfile(stack.profile),
  });
  return run.violations.map((violation) => ({
    policyName: violation.policy,
    urn: violation.urn,
    message: [descriptions.get(violation.policy), violation.message].filter(Boolean).join("\n"),
    enforcementLevel: violation.enforcementLevel,
  }));
}

function sorted(diagnostics: readonly WireDiagnostic[]): WireDiagnostic[] {
  const key = (diagnostic: WireDiagnostic) =>
    JSON.stringify([diagnostic.policyName, diagnostic.urn, diagnostic.message, diagnostic.enforcementLevel]);
  return [...diagnostics].sort((left, right) => key(left).localeCompare(key(right)));
}

function stackOf(source: string): PlannedStack {
  const stack = stacks.find((candidate) => candidate.source === source);
  if (stack === undefined) throw new Error(`${source} was not planned`);
  return stack;
}

describe("the policy pack over the Pulumi analyzer gRPC protocol", () => {
  it("reports every rule with its enforcement level in GetAnalyzerInfo", async () => {
    // Act
    const info = await analyzer.info();

    // Assess
    expect(info.getName()).toBe("silo-kit");
    expect(
      info.getPoliciesList().map((policy) => [policy.getName(), levelName(policy.getEnforcementlevel())]),
    ).toEqual(allRules.map((rule) => [rule.name, rule.enforcementLevel]));
  });

  it.each([
    ["shared", "baseline"],
    ["tenant-globex", "baseline"],
    ["tenant-acme-health", "regulated"],
  ] as const)(
    "reports what the offline engine reports (nothing) for the kit's %s under %s",
    async (source, profile) => {
      // Prepare
      const stack = stackOf(source);
      await analyzer.configure(await profileFile(profile));

      // Act
      const diagnostics = await analyzer.preview(stack.resources);

      // Assess
      expect(stack.profile).toBe(profile);
      expect(sorted(diagnostics)).toEqual(sorted(await offlineDiagnostics(stack)));
      expect(diagnostics).toEqual([]);
    },
  );

  it.each(badPrograms.map((rule) => [rule]))(
    "reports what the offline engine reports for the bad program %s, its rule among them",
    async (rule) => {
      // Prepare
      const stack = stackOf(`test/fixtures/plan/programs/${rule}.ts`);
      await analyzer.configure(await profileFile(stack.profile));

      // Act
      const diagnostics = await analyzer.preview(stack.resources);

      // Assess
      expect(sorted(diagnostics)).toEqual(sorted(await offlineDiagnostics(stack)));
      expect(diagnostics.map((diagnostic) => diagnostic.policyName)).toContain(rule);
    },
  );

  it("applies the regulated profile's levels and settings to the bad programs too", async () => {
    // Prepare
    const stack = stackOf("test/fixtures/plan/programs/silo-rds-instance-deletion-protection.ts");
    await analyzer.configure(await profileFile("regulated"));

    // Act
    const diagnostics = await analyzer.preview(stack.resources);

    // Assess
    const expected = await offlineDiagnostics({ ...stack, profile: "regulated" });
    expect(sorted(diagnostics)).toEqual(sorted(expected));
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        policyName: "silo-rds-instance-deletion-protection",
        enforcementLevel: "mandatory",
      }),
    );
  });
});
