import { describe, expect, it } from "vitest";
import { formatProblem } from "../../../../runtime/core/tenants/configProblem.ts";
import { parseTenantFile } from "../../../../runtime/core/tenants/parseTenantFile.ts";

const file = "tenants/acme.yaml";

/** A valid tenant file; each malformed case changes one thing in it. Line numbers below refer to this. */
const baseline = `id: acme
displayName: Acme Corp
tier: standard
contacts:
  - name: Ops
    email: ops@acme.example
    role: owner
models:
  allowlist:
    - key: nova
      provider: bedrock
      modelId: amazon.nova-lite-v1:0
    - key: byok
      provider: openai-compatible
      modelId: gpt-4o-mini
      baseUrl: https://llm.acme.example/v1
  defaultModel: nova
limits:
  monthlyBudgetUsd: 100
  requestsPerSecond: 10
  burst: 20
database:
  backupRetentionDays: 7
logRetentionDays: 30
`;

function withLine(lineNumber: number, replacement: string): string {
  const lines = baseline.split("\n");
  lines[lineNumber - 1] = replacement;
  return lines.join("\n");
}

function problemsOf(text: string): string[] {
  const result = parseTenantFile(file, text);
  if (result.ok) throw new Error("expected problems, got a valid config");
  return result.problems.map(formatProblem);
}

describe("parseTenantFile", () => {
  it("accepts the baseline and applies documented defaults", () => {
    // Act
    const result = parseTenantFile(file, baseline);

    // Assess
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.limits).toEqual({
      monthlyBudgetUsd: 100,
      requestsPerSecond: 10,
      burst: 20,
      maxTokensPerRequest: 4096,
    });
    // Unset: none reserved for tier standard, 5 for regulated (components/functions/functionSettings.ts).
    expect(result.config.limits.reservedConcurrency).toBeUndefined();
    expect(result.config.database).toEqual({
      instanceClass: "db.t4g.micro",
      allocatedStorageGb: 20,
      backupRetentionDays: 7,
      multiAz: false,
      deletionProtection: true,
    });
    expect(result.config.network).toBe("shared");
    expect(result.config.dataClassification).toBe("confidential");
    expect(result.config.dataRetentionDays).toBe(90);
  });

  it("applies every default when limits and database are left out", () => {
    const text = baseline.replace(/limits:[\s\S]*$/, "");
    const result = parseTenantFile(file, text);
    expect(result.ok && result.config.limits.maxTokensPerRequest).toBe(4096);
    expect(result.ok && result.config.database.deletionProtection).toBe(true);
    expect(result.ok && result.config.logRetentionDays).toBe(30);
  });

  const malformed: Array<{ name: string; text: string; expected: string[] }> = [
    {
      name: "a YAML syntax error (unclosed quote)",
      text: withLine(2, 'displayName: "Acme Corp'),
      // The YAML parser can only tell where the string ran out: the end of the file.
      expected: [
        'tenants/acme.yaml:25:1 (yaml): YAML syntax error: Missing closing "quote; fix the syntax (indentation, quotes, colons)',
      ],
    },
    {
      name: "a YAML syntax error (bad indentation)",
      text: withLine(3, "   tier: standard"),
      expected: [
        "tenants/acme.yaml:2:14 (yaml): YAML syntax error: Nested mappings are not allowed in compact mappings; fix the syntax (indentation, quotes, colons)",
        "tenants/acme.yaml:2:14 (yaml): YAML syntax error: Implicit keys need to be on a single line; fix the syntax (indentation, quotes, colons)",
      ],
    },
    {
      name: "a duplicated key",
      text: withLine(3, "tier: standard\ntier: regulated"),
      expected: [
        "tenants/acme.yaml:4:1 (yaml): YAML syntax error: Map keys must be unique; fix the syntax (indentation, quotes, colons)",
      ],
    },
    {
      name: "an empty file",
      text: "# nothing here\n",
      expected: [
        "tenants/acme.yaml:1:1 (file): the file is empty; a tenant file is a mapping with id, displayName, tier, contacts and models (run: silo tenants new <id>)",
      ],
    },
    {
      name: "a list at the top level",
      text: "- id: acme\n",
      expected: [
        "tenants/acme.yaml:1:1 (file): the file is not a mapping; a tenant file is a mapping with id, displayName, tier, contacts and models (run: silo tenants new <id>)",
      ],
    },
    {
      name: "an unknown top-level key (typo)",
      text: withLine(3, "tier: standard\ntiers: regulated"),
      expected: [
        'tenants/acme.yaml:4:1 tiers: "tiers" is not a known key; did you mean "tier"? allowed here: id, displayName, tier, dataClassification, contacts, models, limits, database, cors, identity, waf, xrayTracing, network, logRetentionDays, dataRetentionDays',
      ],
    },
    {
      name: "an unknown nested key with a case typo",
      text: withLine(19, "  monthlyBudgetUSD: 100"),
      expected: [
        'tenants/acme.yaml:19:3 limits.monthlyBudgetUSD: "monthlyBudgetUSD" is not a known key; did you mean "monthlyBudgetUsd"? allowed here: monthlyBudgetUsd, requestsPerSecond, burst, maxTokensPerRequest, reservedConcurrency',
      ],
    },
    {
      name: "an unknown key inside a list item",
      text: withLine(12, "      modelId: amazon.nova-lite-v1:0\n      region: us-east-1"),
      expected: [
        'tenants/acme.yaml:13:7 models.allowlist[0].region: "region" is not a known key; allowed here: key, provider, modelId, type, baseUrl',
      ],
    },
    {
      name: "a missing required field",
      text: withLine(2, ""),
      expected: ["tenants/acme.yaml:1:1 displayName: is required: expected a string"],
    },
    {
      name: "a key with no value",
      text: withLine(3, "tier:"),
      expected: ["tenants/acme.yaml:3:6 tier: null is not allowed; use one of: standard, regulated"],
    },
    {
      name: "an invalid tier",
      text: withLine(3, "tier: gold"),
      expected: ['tenants/acme.yaml:3:7 tier: "gold" is not allowed; use one of: standard, regulated'],
    },
    {
      name: "an id with upper-case letters",
      text: withLine(1, "id: Acme"),
      expected: [
        'tenants/acme.yaml:1:5 id: "Acme" must be 3-32 characters of a-z, 0-9 and single hyphens, starting with a letter and ending with a letter or digit',
      ],
    },
    {
      name: "an id that is a number",
      text: withLine(1, "id: 123"),
      expected: ["tenants/acme.yaml:1:5 id: expected a string, got number 123"],
    },
    {
      name: "a number given as a string",
      text: withLine(19, '  monthlyBudgetUsd: "100"'),
      expected: ['tenants/acme.yaml:19:21 limits.monthlyBudgetUsd: expected a number, got string "100"'],
    },
    {
      name: "a negative budget",
      text: withLine(19, "  monthlyBudgetUsd: -5"),
      expected: ["tenants/acme.yaml:19:21 limits.monthlyBudgetUsd: -5 is too small: must be at least 0"],
    },
    {
      name: "a fractional request rate",
      text: withLine(20, "  requestsPerSecond: 2.5"),
      expected: ["tenants/acme.yaml:20:22 limits.requestsPerSecond: expected a whole number, got number 2.5"],
    },
    {
      name: "a burst below the request rate",
      text: withLine(21, "  burst: 5"),
      expected: [
        "tenants/acme.yaml:21:10 limits.burst: 5 is below requestsPerSecond (10); burst must be at least the steady rate",
      ],
    },
    {
      name: "a default model outside the allowlist",
      text: withLine(17, "  defaultModel: claude"),
      expected: [
        'tenants/acme.yaml:17:17 models.defaultModel: "claude" is not in models.allowlist; use one of: nova, byok',
      ],
    },
    {
      name: "an empty allowlist",
      text: baseline.replace(
        / {2}allowlist:[\s\S]*?defaultModel: nova/,
        "  allowlist: []\n  defaultModel: nova",
      ),
      expected: [
        "tenants/acme.yaml:9:14 models.allowlist: must list at least one model the tenant may call (got 0)",
      ],
    },
    {
      name: "a duplicate model key",
      text: withLine(13, "    - key: nova"),
      expected: [
        'tenants/acme.yaml:13:12 models.allowlist[1].key: "nova" is listed twice; model keys must be unique within a tenant',
      ],
    },
    {
      name: "an unknown model provider",
      text: withLine(11, "      provider: openai"),
      expected: [
        'tenants/acme.yaml:11:17 models.allowlist[0].provider: "openai" is not allowed; use one of: bedrock, openai-compatible, echo',
      ],
    },
    {
      name: "an openai-compatible model without a base URL",
      text: withLine(16, ""),
      expected: [
        'tenants/acme.yaml:13:7 models.allowlist[1].baseUrl: is required for provider "openai-compatible" (model "byok"); add baseUrl: https://<host>/v1',
      ],
    },
    {
      name: "a base URL that is not http(s)",
      text: withLine(16, "      baseUrl: ftp://llm.acme.example"),
      expected: [
        'tenants/acme.yaml:16:16 models.allowlist[1].baseUrl: "ftp://llm.acme.example" must be an http(s) URL, e.g. https://llm.example.com/v1',
      ],
    },
    {
      name: "a base URL on a bedrock model",
      text: withLine(12, "      modelId: amazon.nova-lite-v1:0\n      baseUrl: https://x.example"),
      expected: [
        'tenants/acme.yaml:13:16 models.allowlist[0].baseUrl: is only used by provider "openai-compatible", not "bedrock"; remove it',
      ],
    },
    {
      name: "a contact email that is not an email",
      text: withLine(6, "    email: ops-at-acme"),
      expected: [
        'tenants/acme.yaml:6:12 contacts[0].email: "ops-at-acme" must be an email address, e.g. platform-team@example.com',
      ],
    },
    {
      name: "no owner contact",
      text: withLine(7, "    role: billing"),
      expected: [
        "tenants/acme.yaml:5:3 contacts: has no contact with role owner; add one who answers for this tenant",
      ],
    },
    {
      name: "a regulated tenant without a security contact",
      text: withLine(3, "tier: regulated"),
      expected: [
        "tenants/acme.yaml:5:3 contacts: has no contact with role security, which tier regulated requires; add one",
      ],
    },
    {
      name: "a regulated tenant without deletion protection",
      text: withLine(3, "tier: regulated")
        .replace(
          "    role: owner",
          "    role: owner\n  - name: Sec\n    email: sec@acme.example\n    role: security",
        )
        .replace("  backupRetentionDays: 7", "  backupRetentionDays: 7\n  deletionProtection: false"),
      expected: [
        "tenants/acme.yaml:27:23 database.deletionProtection: is false, but tier regulated requires true; set deletionProtection: true",
      ],
    },
    {
      name: "a boolean given as a string",
      text: withLine(22, "database:\n  multiAz: yes"),
      expected: ['tenants/acme.yaml:23:12 database.multiAz: expected true or false, got string "yes"'],
    },
    {
      name: "backup retention above the RDS maximum",
      text: withLine(23, "  backupRetentionDays: 40"),
      expected: ["tenants/acme.yaml:23:24 database.backupRetentionDays: 40 is too large: must be at most 35"],
    },
    {
      name: "an invalid RDS instance class",
      text: withLine(23, "  instanceClass: t3.micro"),
      expected: [
        'tenants/acme.yaml:23:18 database.instanceClass: "t3.micro" must be an RDS instance class such as db.t4g.micro',
      ],
    },
    {
      name: "a log retention CloudWatch does not accept",
      text: withLine(24, "logRetentionDays: 31"),
      expected: [
        "tenants/acme.yaml:24:19 logRetentionDays: 31 must be a CloudWatch Logs retention period: one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
      ],
    },
    {
      name: "an invalid network mode",
      text: withLine(24, "logRetentionDays: 30\nnetwork: isolated"),
      expected: ['tenants/acme.yaml:25:10 network: "isolated" is not allowed; use one of: shared, dedicated'],
    },
    {
      name: "contacts given as a mapping instead of a list",
      text: baseline.replace(/contacts:\n[\s\S]*?role: owner\n/, "contacts:\n  owner: ops@acme.example\n"),
      expected: ["tenants/acme.yaml:5:3 contacts: expected a list, got a mapping"],
    },
  ];

  it.each(malformed)("reports $name with file, line, field and message", ({ text, expected }) => {
    // Act
    const problems = problemsOf(text);

    // Assess
    expect(problems).toEqual(expected);
  });

  it("has at least 25 malformed cases", () => {
    expect(malformed.length).toBeGreaterThanOrEqual(25);
  });

  it("reports every problem in a file at once, in file order", () => {
    // Prepare: four independent mistakes in different sections
    const text = withLine(3, "tier: gold")
      .replace("  monthlyBudgetUsd: 100", "  monthlyBudgetUsd: -1")
      .replace("      provider: bedrock", "      provider: azure")
      .replace("logRetentionDays: 30", "logRetentionDays: 30\ncolour: blue");

    // Act
    const problems = problemsOf(text);

    // Assess
    expect(problems.map((problem) => problem.split(" ")[0])).toEqual([
      "tenants/acme.yaml:3:7",
      "tenants/acme.yaml:11:17",
      "tenants/acme.yaml:19:21",
      "tenants/acme.yaml:25:1",
    ]);
  });
});
