import type { PolicyPackConfig } from "@pulumi/policy";
import { type PolicyProfileName, policyProfileNames } from "./profiles/policyProfileNames.ts";
import { policySettings } from "./profiles/policySettings.ts";
import type { SiloPolicy } from "./rules/siloPolicy.ts";

/** Control ids of a rule for one framework prefix (`fsbp`, `nist`), without the prefix. */
function controls(rule: SiloPolicy, framework: string): string {
  const ids = rule.tags
    .filter((tag) => tag.startsWith(`${framework}:`))
    .map((tag) => tag.slice(framework.length + 1));
  return ids.length === 0 ? "-" : ids.join(", ");
}

/** A rule under a profile, as one cell: its level, then its settings (`mandatory, minimumDays 35`). */
function profileCell(rule: SiloPolicy, profile: PolicyPackConfig): string {
  const { enforcementLevel, config } = policySettings(rule, profile);
  return [
    enforcementLevel,
    ...Object.entries(config).map(([key, value]) => `${key} ${JSON.stringify(value)}`),
  ].join(", ");
}

/** Escapes a table cell: a `|` would end the cell. */
function cell(text: string): string {
  return text.replaceAll("|", "\\|");
}

/** A Markdown table with padded columns, laid out as the repository's formatter (Biome) lays it out. */
function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((title, column) =>
    Math.max(3, title.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((text, column) => text.padEnd(widths[column] ?? 0)).join(" | ")} |`;
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)];
}

/** A paragraph as lines of at most `width` characters (a longer word stands alone), as the rest of docs/ is wrapped. */
function wrap(text: string, width = 110): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/**
 * The policy catalogue (docs/policies.md) as Markdown, generated from the rules' metadata so the document
 * cannot drift from the pack.
 *
 * @example
 * writeFileSync("docs/policies.md", policyCatalogue(allRules, { baseline, regulated }));
 */
export function policyCatalogue(
  rules: readonly SiloPolicy[],
  profiles: Readonly<Record<PolicyProfileName, PolicyPackConfig>>,
): string {
  const rows = rules.map((rule) => [
    `[\`${rule.name}\`](${rule.url})`,
    rule.kind,
    ...policyProfileNames.map((name) => profileCell(rule, profiles[name])),
    rule.severity,
    controls(rule, "fsbp"),
    controls(rule, "nist"),
    cell(rule.description),
  ]);
  const table = markdownTable(
    ["Rule", "Scope", "Baseline", "Regulated", "Severity", "FSBP", "NIST 800-53", "What must hold"],
    rows,
  );
  const notes = rules.flatMap((rule) =>
    rule.notes === undefined ? [] : [`### \`${rule.name}\``, "", ...wrap(rule.notes), ""],
  );
  return [
    "# Policy catalogue",
    "",
    "<!-- Generated from policies/rules by policies/catalogue.ts; test/policies/catalogue.test.ts fails when it is stale. -->",
    "",
    "The CrossGuard pack in [policies/](../policies/) enforces the silo isolation rules. Run it with the Pulumi",
    "CLI and credentials as `pulumi preview --policy-pack policies`. A `mandatory` violation blocks the",
    "deployment; an `advisory` one is reported only. Controls are AWS Foundational Security Best Practices",
    "(FSBP) and NIST SP 800-53 rev. 5 ids.",
    "",
    "Two profiles run the same rules: `baseline` (every standard tenant and the shared stack) and `regulated`",
    "(tenants of tier `regulated`), with stricter levels and thresholds. Each is a",
    "`--policy-pack-config` file in [policies/profiles/](../policies/profiles/):",
    "`pulumi preview --policy-pack policies --policy-pack-config policies/profiles/regulated.json`. The",
    "Baseline and Regulated columns show each rule's level and settings under them. A `resource` rule sees one",
    "resource's inputs; a `stack` rule sees every resource of the stack, for checks that join resources.",
    "",
    "`silo plan` runs these rules through an offline engine (runtime/plan/policyEngine/) that imitates",
    "@pulumi/policy's analyzer server. [packOverGrpc.test.ts](../test/policies/packOverGrpc.test.ts) checks",
    "that the two agree: it starts the pack as the CLI's nodejs policy host does (`node --import tsx index.ts`",
    "in policies/) and plays the CLI's part over the Analyzer gRPC protocol: GetAnalyzerInfo, Configure with",
    "a profile translated as the CLI translates `--policy-pack-config`, Analyze for every resource's inputs and",
    "AnalyzeStack with every resource's state. On the shared stack, tenant-globex, tenant-acme-health",
    "(regulated) and bad programs of test/fixtures/plan/programs, the pack's diagnostics (rule, resource,",
    "message, level) equal the offline engine's. The stacks are recorded under the plan's mocks, so this",
    "proves the pack and the engine agree on the same resources, not that the mocks match what AWS returns.",
    "",
    `${rules.length} rules:`,
    "",
    ...table,
    "",
    ...(notes.length === 0 ? [] : ["## How some rules decide", "", ...notes]),
    "To regenerate it after changing a rule: `npx silo policy docs`.",
    "",
  ].join("\n");
}
