import type { AwsQuota } from "./awsQuota.ts";
import type { QuotaReport } from "./fleetQuotaReport.ts";
import { referenceFleet } from "./referenceFleet.ts";

/** The marker lines in docs/scale.md between which the quota table is generated. */
export const quotaTableMarker = "<!-- quota-table -->";
/** The marker lines in docs/scale.md between which the ceilings of the reference fleet are generated. */
export const ceilingTableMarker = "<!-- ceiling-table -->";

/**
 * docs/scale.md's table of every quota the kit consumes (quotas/awsQuotas.ts): id (the `silo:quotas` key),
 * service, name, default, whether it can be raised, what it limits, and the AWS page stating it.
 */
export function renderQuotaTable(quotas: readonly AwsQuota[]): string {
  const header = ["Id (`silo:quotas` key)", "Service", "Quota", "Default", "Adjustable", "Per", "Source"];
  const rows = quotas.map((quota) => [
    `\`${quota.id}\``,
    quota.service,
    quota.name,
    `${quota.defaultValue.toLocaleString("en-US")} ${quota.unit}${quota.headroom ? ` (${quota.headroom} kept unreserved)` : ""}`,
    quota.adjustable ? "yes" : "no",
    quota.scope === "container"
      ? "shared resource"
      : quota.scope === "account"
        ? "account"
        : "account and Region",
    `[AWS docs](${quota.url})${quota.confirmed ? "" : " (not confirmed)"}`,
  ]);
  return [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

/**
 * docs/scale.md's ceilings of one account and Region: the reference fleet's binding quotas, in the order
 * they break at AWS's defaults, with the tenant count at which each breaks at the default and at a raised
 * value (see referenceFleet.ts).
 */
export function renderCeilingTable(atDefaults: QuotaReport, raised: QuotaReport): string {
  const header = [
    "Quota",
    "Per tenant",
    "Default",
    "Breaks at tenant",
    "Raised to",
    "Breaks at tenant (raised)",
  ];
  const raisedById = new Map(raised.usages.map((usage) => [usage.id, usage]));
  const rows = atDefaults.binding.map((usage) => {
    const high = raisedById.get(usage.id);
    const perTenant = Number.isInteger(usage.perTenant)
      ? String(usage.perTenant)
      : usage.perTenant.toFixed(2);
    return [
      `\`${usage.id}\`${usage.ownMaking ? " (the kit's own)" : ""}`,
      perTenant,
      String(usage.value),
      String(usage.breaksAtTenant),
      high === undefined || high.value === usage.value ? "(fixed or not raised)" : String(high.value),
      String(high?.breaksAtTenant ?? "never"),
    ];
  });
  const first = (report: QuotaReport) => report.binding[0];
  const summary = [
    `Reference fleet: \`silo plan --synthetic-tenants ${referenceFleet.tenants} --synthetic-only --seed ${referenceFleet.seed}\` ` +
      `(${atDefaults.tenants} tenants of mixed tiers and networks). At AWS's defaults the first quota to break is ` +
      `\`${first(atDefaults)?.id}\` at tenant ${first(atDefaults)?.breaksAtTenant}; with the raised quotas, ` +
      `\`${first(raised)?.id}\` at tenant ${first(raised)?.breaksAtTenant}.`,
  ];
  return [
    ...summary,
    "",
    ...[header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`),
  ].join("\n");
}

/** Replaces what is between each pair of markers of `document` with its table; the markers stay. */
export function withScaleTables(document: string, tables: Readonly<Record<string, string>>): string {
  let result = document;
  for (const [marker, table] of Object.entries(tables)) {
    const start = result.indexOf(marker);
    const end = result.indexOf(marker, start + marker.length);
    if (start === -1 || end === -1) {
      throw new Error(`the document has no pair of ${marker} lines to put the table between`);
    }
    result = `${result.slice(0, start + marker.length)}\n\n${table}\n\n${result.slice(end)}`;
  }
  return result;
}
