import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPolicyProfile } from "../../../../policies/profiles/loadPolicyProfile.ts";
import { policySettings } from "../../../../policies/profiles/policySettings.ts";
import { allRules } from "../../../../policies/rules/allRules.ts";
import { runSilo } from "../captureContext.ts";

// `silo plan` in-process: the real programs under Pulumi's mocks, the real pack. Pulumi's runtime state is
// process-global, which vitest's per-file isolation keeps to this file.
const programs = fileURLToPath(new URL("../../../fixtures/plan/programs/", import.meta.url));

interface PlanJson {
  stacks: Array<{
    name: string;
    profile: string;
    resources: Array<{
      type: string;
      name: string;
      urn: string;
      parent: string | null;
      inputs: Record<string, unknown>;
    }>;
    violations: Array<{ policy: string; enforcementLevel: string; urn: string | null; message: string }>;
    nameFindings: Array<{ urn: string; property: string; value: string; problem: string }>;
  }>;
}

let dir: string;
let all: { exitCode: number; stdout: string; stderr: string };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "silo-plan-"));
  all = await runSilo("plan", "--stack", "all", "--format", "json");
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("silo plan --stack all", () => {
  it("plans shared and every example tenant with zero violations and no name AWS refuses", () => {
    // Assess
    const plan = JSON.parse(all.stdout) as PlanJson;
    expect(all.exitCode).toBe(0);
    expect(plan.stacks.map((stack) => stack.name)).toEqual([
      "shared",
      "tenant-acme-health",
      "tenant-globex",
      "tenant-initech",
    ]);
    expect(plan.stacks.flatMap((stack) => stack.violations)).toEqual([]);
    expect(plan.stacks.flatMap((stack) => stack.nameFindings)).toEqual([]);
  });

  it("checks each tenant under its tier's profile and the shared stack under baseline", () => {
    const plan = JSON.parse(all.stdout) as PlanJson;

    expect(Object.fromEntries(plan.stacks.map((stack) => [stack.name, stack.profile]))).toEqual({
      shared: "baseline",
      "tenant-acme-health": "regulated",
      "tenant-globex": "baseline",
      "tenant-initech": "baseline",
    });
  });

  it("records every resource with its type, name, URN, parent and inputs, each stack on its own", () => {
    // Act
    const plan = JSON.parse(all.stdout) as PlanJson;
    const globex = plan.stacks.find((stack) => stack.name === "tenant-globex");

    // Assess
    const database = globex?.resources.find((resource) => resource.type === "aws:rds/instance:Instance");
    expect(database?.urn).toMatch(
      /^urn:pulumi:tenant-globex::silo-kit::silo:tenant:TenantSilo\$silo:tenant:TenantDatabase\$silo:common:PostgresDatabase\$aws:rds\/instance:Instance::/,
    );
    expect(database?.parent).toMatch(/^urn:pulumi:tenant-globex::/);
    expect(database?.inputs.publiclyAccessible).toBe(false);
    for (const stack of plan.stacks) {
      expect(stack.resources.every((resource) => resource.urn.startsWith(`urn:pulumi:${stack.name}::`))).toBe(
        true,
      );
    }
  });

  it("shows progress per stack on stderr", () => {
    expect(all.stderr.split("\n").filter(Boolean)).toEqual([
      expect.stringMatching(/^\[1\/4\] shared: \d+ resources, no violations \(\d+\.\d s\)$/),
      expect.stringMatching(/^\[2\/4\] tenant-acme-health: /),
      expect.stringMatching(/^\[3\/4\] tenant-globex: /),
      expect.stringMatching(/^\[4\/4\] tenant-initech: /),
    ]);
  });
});

describe("silo plan formats and options", () => {
  it("writes SARIF to --out and prints the totals", async () => {
    // Prepare
    const out = join(dir, "plan.sarif");

    // Act
    const result = await runSilo("plan", "--stack", "tenant-globex", "--format", "sarif", "--out", out);

    // Assess
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(
      /^wrote .*plan\.sarif \(sarif\): 1 stack, \d+ resources: 0 mandatory violations, 0 advisory, 0 name findings\n$/,
    );
    const log = JSON.parse(await readFile(out, "utf8"));
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0].results).toEqual([]);
  });

  it("prints text by default, with no progress for a single stack", async () => {
    const result = await runSilo("plan", "--stack", "tenant-globex");

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^tenant-globex \(baseline\): \d+ resources, no violations\n/);
    expect(result.stderr).toBe("");
  });

  it("applies --config to the planned stacks", async () => {
    // Act
    const result = await runSilo(
      "plan",
      "--stack",
      "tenant-globex",
      "--config",
      "silo:environment=staging",
      "--format",
      "json",
    );

    // Assess
    const plan = JSON.parse(result.stdout) as PlanJson;
    const chat = plan.stacks[0]?.resources.find(
      (resource) => resource.name === "globex-runtime-chat-function",
    );
    const environment = chat?.inputs.environment as { variables: Record<string, string> } | undefined;
    expect(environment?.variables.SILO_ENVIRONMENT).toBe("staging");
  });

  it("checks a standard tenant under --profile regulated with the stricter thresholds (exit 1)", async () => {
    // Act
    const result = await runSilo(
      "plan",
      "--stack",
      "tenant-globex",
      "--profile",
      "regulated",
      "--format",
      "json",
    );

    // Assess
    const violations = (JSON.parse(result.stdout) as PlanJson).stacks[0]?.violations ?? [];
    expect(result.exitCode).toBe(1);
    expect(new Set(violations.map((violation) => violation.policy))).toEqual(
      new Set(["silo-cloudwatch-loggroup-retention", "silo-rds-instance-backup-retention"]),
    );
    expect(
      violations.find((violation) => violation.policy === "silo-rds-instance-backup-retention")?.message,
    ).toBe("backupRetentionPeriod is 7; set database.backupRetentionDays in the tenant file to at least 35.");
  });

  it("refuses an unknown stack with the list of stacks (exit 1, nothing on stdout)", async () => {
    const result = await runSilo("plan", "--stack", "tenant-hooli");

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(
      'error [PLAN_STACK_UNKNOWN]: --stack "tenant-hooli" is not a stack of this project',
    );
  });

  it("refuses --program with --stack, and a --program that does not exist", async () => {
    const both = await runSilo("plan", "--stack", "shared", "--program", join(programs, "compliant.ts"));
    const missing = await runSilo("plan", "--program", join(dir, "nope.ts"));

    expect(both.stderr).toContain("error [PLAN_ARGUMENTS_INVALID]: --stack and --program exclude each other");
    expect(missing.stderr).toContain(`--program ${join(dir, "nope.ts")}: no such file`);
    expect([both.exitCode, missing.exitCode]).toEqual([1, 1]);
  });
});

interface QuotaJson {
  quotas: {
    tenants: number;
    binding: Array<{ id: string; name: string; breaksAtTenant: number }>;
    usages: Array<{ id: string; status: string; used: number; value: number; ownMaking: boolean }>;
    breaches: Array<{ id: string; message: string }>;
  };
  stacks: Array<{ name: string; tenants: number; violations: unknown[] }>;
}

describe("silo plan quota report", () => {
  it("reports the example fleet's quotas with no breach (exit 0)", () => {
    const plan = JSON.parse(all.stdout) as QuotaJson;

    expect(plan.quotas.tenants).toBe(3);
    expect(plan.quotas.breaches).toEqual([]);
    expect(plan.quotas.usages.find((usage) => usage.id === "rds-db-instances")).toMatchObject({
      used: 4,
      value: 40,
      status: "ok",
    });
    // One example tenant in three has a VPC of its own: at that mix, 5 VPCs bind before 40 DB instances.
    expect(plan.quotas.binding.slice(0, 2)).toEqual([
      { id: "vpc-vpcs-per-region", name: "VPCs per Region", breaksAtTenant: 13 },
      { id: "rds-db-instances", name: "DB instances", breaksAtTenant: 40 },
    ]);
  });

  it("fails 60 synthetic tenants on RDS's 40 DB instances, naming the quota, the tenant and the fix", async () => {
    // Act
    const result = await runSilo("plan", "--synthetic-tenants", "60", "--synthetic-only", "--format", "json");

    // Assess
    const plan = JSON.parse(result.stdout) as QuotaJson;
    expect(result.exitCode).toBe(1);
    expect(plan.quotas.tenants).toBe(60);
    expect(plan.stacks.map((stack) => [stack.name, stack.tenants > 0])).toEqual([
      ["shared", false],
      ["tenant-synth-reg-dedicated", true],
      ["tenant-synth-reg-shared", true],
      ["tenant-synth-std-dedicated", true],
      ["tenant-synth-std-shared", true],
    ]);
    expect(plan.stacks.reduce((sum, stack) => sum + stack.tenants, 0)).toBe(60);
    expect(plan.stacks.flatMap((stack) => stack.violations)).toEqual([]);
    expect(plan.quotas.binding[0]).toEqual({
      id: "rds-db-instances",
      name: "DB instances",
      breaksAtTenant: 40,
    });
    expect(plan.quotas.breaches.find((breach) => breach.id === "rds-db-instances")?.message).toBe(
      'quota "DB instances" (Amazon Relational Database Service (Amazon RDS)): 40 DB instances per Region, the ' +
        "fleet needs 61 (shared 1 + 1 per tenant x 60 tenants); it breaks at tenant 40; fix: request an increase " +
        'of "DB instances" in Service Quotas and set silo:quotas {"rds-db-instances": <new value>}, or add a cell ' +
        "(docs/scale.md)",
    );
    expect(result.stderr).toContain(
      "60 tenants planned, 60 of them synthetic (seed 1): one program per tenant shape",
    );
  });

  it("checks against the account's raised quotas from silo:quotas", async () => {
    const raised = JSON.stringify({
      "rds-db-instances": 100,
      "rds-db-subnet-groups": 100,
      "rds-db-parameter-groups": 100,
      "lambda-concurrent-executions": 5000,
      "vpc-vpcs-per-region": 20,
    });

    const result = await runSilo(
      "plan",
      "--synthetic-tenants",
      "60",
      "--synthetic-only",
      "--config",
      `silo:quotas=${raised}`,
    );

    expect(result.stdout).toMatch(
      /DB instances +61 of 100 +1 per tenant {2}breaks at tenant 100 {2}\(raised from 40\)/,
    );
    expect(result.stdout).not.toContain("breach:");
    expect(result.exitCode).toBe(0);
  });

  it("refuses --synthetic-only without --synthetic-tenants, and a count that is not a whole number", async () => {
    const alone = await runSilo("plan", "--synthetic-only");
    const notANumber = await runSilo("plan", "--synthetic-tenants", "many");

    expect(alone.stderr).toContain(
      "error [PLAN_ARGUMENTS_INVALID]: --synthetic-only plans generated tenants only: give their number with --synthetic-tenants N",
    );
    expect(notANumber.stderr).toContain('"many" is not a whole number from 1 to 100000');
    expect([alone.exitCode, notANumber.exitCode]).toEqual([1, 2]);
  });
});

describe("silo plan over names AWS refuses", () => {
  it("prints each refused name with its resource, rule and fix, and exits 1", async () => {
    // Act
    const result = await runSilo(
      "plan",
      "--program",
      fileURLToPath(new URL("../../../fixtures/plan/refusedNamesProgram.ts", import.meta.url)),
    );

    // Assess
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^dev \(baseline\): \d+ resources, no violations, 3 name finding\(s\)\n/);
    expect(result.stdout).toContain(
      'username "silo_globex_admin" (CreateDBInstance MasterUsername) is 17 characters; AWS accepts at most 16: ' +
        "shorten it by 1 to at most 16 characters (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html)",
    );
    expect(result.stdout).toContain(
      `description "The tenant's own group" (CreateSecurityGroup GroupDescription) has characters AWS refuses: "'"`,
    );
    expect(result.stdout).toMatch(/: 0 mandatory violations, 0 advisory, 3 name findings\n$/);
  });
});

describe("silo plan --program over bad programs", () => {
  it("finds nothing in the compliant baseline program", async () => {
    const result = await runSilo("plan", "--program", join(programs, "compliant.ts"), "--format", "json");

    expect(result.exitCode).toBe(0);
    expect((JSON.parse(result.stdout) as PlanJson).stacks[0]?.violations).toEqual([]);
  });

  it("finds nothing in the compliant REST API baseline program (REST API, S3, Aurora, function URL)", async () => {
    const result = await runSilo(
      "plan",
      "--program",
      join(programs, "compliantRest.ts"),
      "--stack-name",
      "review",
      "--format",
      "json",
    );

    expect((JSON.parse(result.stdout) as PlanJson).stacks[0]?.violations).toEqual([]);
    expect(result.exitCode).toBe(0);
  });

  for (const rule of allRules) {
    it(`reports exactly ${rule.name} for its bad program`, async () => {
      // Prepare
      const program = join(programs, `${rule.name}.ts`);
      expect(existsSync(program), `a bad program for ${rule.name} in test/fixtures/plan/programs/`).toBe(
        true,
      );
      const level = policySettings(rule, await loadPolicyProfile("baseline")).enforcementLevel;

      // Act
      const result = await runSilo(
        "plan",
        "--program",
        program,
        "--stack-name",
        "review",
        "--format",
        "json",
      );

      // Assess
      const violations = (JSON.parse(result.stdout) as PlanJson).stacks[0]?.violations ?? [];
      expect(violations.map((violation) => [violation.policy, violation.enforcementLevel])).toEqual([
        [rule.name, level],
      ]);
      expect(result.exitCode).toBe(level === "mandatory" ? 1 : 0);
    });
  }
});
