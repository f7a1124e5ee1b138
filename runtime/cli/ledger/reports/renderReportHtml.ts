import { budgetBurnChart, budgetColors } from "./budgetBurnChart.ts";
import { escapeHtml } from "./escapeHtml.ts";
import type { FinanceReport, UsageCounts } from "./financeReport.ts";
import { groupedBarChart } from "./groupedBarChart.ts";
import { stackedBarChart } from "./stackedBarChart.ts";
import { usageCountCells } from "./usageCountCells.ts";

/** Options of {@link renderReportHtml}. */
export interface ReportHtmlOptions {
  /** When the report was read, printed in the header. */
  readonly generatedAt: Date;
}

/** Tenant colours: the Okabe-Ito palette, distinguishable with the common colour-vision deficiencies. */
export const tenantPalette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"];

const providerColor = "#999999";
const billedColor = "#0072B2";

const styles = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;margin:0;background:#f6f7f9}
main{max-width:1040px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:0 0 12px}
section{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:16px 20px;margin:16px 0}
.meta{color:#57606a;margin:0}
.kpis{display:flex;flex-wrap:wrap;gap:12px;background:none;border:0;padding:0}
.kpi{flex:1 1 200px;background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:12px 16px}
.kpi b{display:block;font-size:20px;font-variant-numeric:tabular-nums}
.kpi span{color:#57606a}
.chart{width:100%;height:auto;font-size:11px}
.chart .grid{stroke:#e6e8eb}.chart .axis{stroke:#57606a}.chart .tick,.chart .value{fill:#57606a}
.chart .label{fill:#1b1f24}.chart .track{fill:#eef0f2}
.chart .threshold{stroke:#1b1f24;stroke-width:2;stroke-dasharray:3 2}
.legend{list-style:none;display:flex;flex-wrap:wrap;gap:16px;padding:0;margin:8px 0 0}
.swatch{display:inline-block;width:10px;height:10px;margin-right:6px;border-radius:2px}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:5px 8px;border-bottom:1px solid #e6e8eb;text-align:right;white-space:nowrap}
th:first-child,td:first-child,th:nth-child(2),td:nth-child(2){text-align:left}
thead th{background:#f6f7f9;font-weight:600}
tfoot td{font-weight:600;border-top:2px solid #1b1f24}
.flag{color:#D55E00;font-weight:600}
.note{color:#57606a;font-size:12px}
@media print{body{background:#fff}section{break-inside:avoid;border-color:#bbb}}
`;

/**
 * The month-end report as ONE self-contained HTML file finance can open from disk or mail around: inline
 * CSS, inline SVG charts (cost per day per tenant, cost by model, budget burn per tenant) and the totals
 * table. No scripts, fonts, images or links of any kind; every string from the ledger is escaped. The
 * amounts printed are the report's exact decimal strings (the charts use them only for geometry).
 *
 * @example
 * await writeFile("ledger-2026-11.html", renderReportHtml(report, { generatedAt: new Date() }));
 */
export function renderReportHtml(report: FinanceReport, options: ReportHtmlOptions): string {
  const scope = report.tenantId === null ? "all tenants" : `tenant ${report.tenantId}`;
  const colors = new Map(
    report.tenants.map((tenant, index) => [
      tenant.tenantId,
      tenantPalette[index % tenantPalette.length] ?? "#000",
    ]),
  );
  const dailyChart = stackedBarChart({
    title: `Billed cost per day per tenant, ${report.month}`,
    categories: report.daily.map((day) => day.date),
    categoryLabel: (date) => String(Number(date.slice(8))),
    unit: "USD",
    series: report.tenants.map((tenant) => ({
      name: tenant.tenantId,
      color: colors.get(tenant.tenantId) ?? "#000",
      values: report.daily.map(
        (day) => day.tenants.find((cost) => cost.tenantId === tenant.tenantId)?.billedCostUsd ?? "0",
      ),
    })),
  });
  const modelChart = groupedBarChart({
    title: `Cost by model, ${report.month}`,
    categories: report.models.map((model) => `${model.provider}: ${model.providerModelId}`),
    unit: "USD",
    series: [
      {
        name: "provider cost",
        color: providerColor,
        values: report.models.map((model) => model.providerCostUsd),
      },
      { name: "billed cost", color: billedColor, values: report.models.map((model) => model.billedCostUsd) },
    ],
  });

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${escapeHtml(`Usage ledger report ${report.month}, ${scope}`)}</title>
<style>${styles}</style>
</head>
<body>
<main>
<header>
<h1>${escapeHtml(`Usage ledger ${report.month}`)}</h1>
<p class="meta">${escapeHtml(`${scope}; read from the usage ledger with the finance role at ${options.generatedAt.toISOString()}. Amounts in ${report.currency}: provider cost from the price table, billed cost including each tenant's markup.`)}</p>
</header>
<section class="kpis">
${kpi("billed cost (USD)", report.totals.billedCostUsd, "total-billed")}
${kpi("provider cost (USD)", report.totals.providerCostUsd, "total-provider")}
${kpi("settled requests", String(report.totals.settledRequests), "total-requests")}
${kpi("entries needing reconciliation", String(report.totals.needsReconciliation), "total-reconcile")}
</section>
<section id="daily">
<h2>Billed cost per day per tenant</h2>
${dailyChart}
<ul class="legend">${report.tenants.map((tenant) => `<li><span class="swatch" style="background:${colors.get(tenant.tenantId) ?? "#000"}"></span>${escapeHtml(tenant.tenantId)}</li>`).join("")}</ul>
<p class="note">By the UTC day each settled call was reserved.</p>
</section>
<section id="models">
<h2>Cost by model</h2>
${report.models.length === 0 ? '<p class="note">No model calls this month.</p>' : modelChart}
<ul class="legend"><li><span class="swatch" style="background:${providerColor}"></span>provider cost</li><li><span class="swatch" style="background:${billedColor}"></span>billed cost</li></ul>
</section>
<section id="budgets">
<h2>Budget burn per tenant</h2>
${budgetBurnChart(report.tenants)}
<ul class="legend"><li><span class="swatch" style="background:${budgetColors.ok}"></span>under the alert threshold</li><li><span class="swatch" style="background:${budgetColors.alert}"></span>at or over the alert threshold (dashed line)</li><li><span class="swatch" style="background:${budgetColors.over}"></span>over budget</li></ul>
<p class="note">Spent = settled plus open reservations, against each tenant's current monthly budget.</p>
</section>
<section id="totals">
<h2>Totals per tenant and model</h2>
${totalsTable(report)}
</section>
</main>
</body>
</html>
`;
}

function kpi(label: string, value: string, id: string): string {
  return `<div class="kpi" id="${id}"><b>${escapeHtml(value)}</b><span>${escapeHtml(label)}</span></div>`;
}

const headers = [
  "Tenant",
  "Model",
  "Requests",
  "Input tokens",
  "Output tokens",
  "Cache read",
  "Cache write",
  "Provider USD",
  "Billed USD",
  "Reserved",
  "Released",
  "Expired",
  "To reconcile",
];

function totalsTable(report: FinanceReport): string {
  const row = (first: string, second: string, counts: UsageCounts) => {
    // The last cell, entries to reconcile, is highlighted when there are any.
    const cells = [first, second, ...usageCountCells(counts)];
    cells.pop();
    const flagged = counts.needsReconciliation > 0 ? ' class="flag"' : "";
    return `<tr>${cells.map((cell) => `<td>${escapeHtml(cell)}</td>`).join("")}<td${flagged}>${counts.needsReconciliation}</td></tr>`;
  };
  return (
    `<table>\n<thead><tr>${headers.map((header) => `<th>${escapeHtml(header)}</th>`).join("")}</tr></thead>\n` +
    `<tbody>\n${report.rows.map((usage) => row(usage.tenantId, usage.modelKey, usage)).join("\n")}\n</tbody>\n` +
    `<tfoot>${row("Total", "", report.totals)}</tfoot>\n</table>`
  );
}
