import type { SiloPolicy } from "./rules/siloPolicy.ts";

/** Control ids of a rule for one framework prefix (`fsbp`, `nist`), without the prefix. */
function controls(rule: SiloPolicy, framework: string): string {
  const ids = rule.tags
    .filter((tag) => tag.startsWith(`${framework}:`))
    .map((tag) => tag.slice(framework.length + 1));
  return ids.length === 0 ? "-" : ids.join(", ");
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

/**
 * The policy catalogue (docs/policies.md) as Markdown, generated from the rules' metadata so the document
 * cannot drift from the pack.
 *
 * @example
 * writeFileSync("docs/policies.md", policyCatalogue(allRules));
 */
export function policyCatalogue(rules: readonly SiloPolicy[]): string {
  const rows = rules.map((rule) => [
    `[\`${rule.name}\`](${rule.url})`,
    rule.enforcementLevel,
    rule.severity,
    controls(rule, "fsbp"),
    controls(rule, "nist"),
    cell(rule.description),
  ]);
  const table = markdownTable(
    ["Rule", "Enforcement", "Severity", "FSBP", "NIST 800-53", "What must hold"],
    rows,
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
    `${rules.length} rules:`,
    "",
    ...table,
    "",
    "To regenerate it after changing a rule: `npx tsx policies/writeCatalogue.ts`.",
    "",
  ].join("\n");
}
