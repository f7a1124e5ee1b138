import { chartValue, svgNumber } from "./chartScale.ts";
import { escapeHtml } from "./escapeHtml.ts";
import type { TenantSummary } from "./financeReport.ts";

/** Colours of a budget bar: under the alert threshold, at or over it, over the whole budget. */
export const budgetColors = { ok: "#009E73", alert: "#E69F00", over: "#D55E00" } as const;

const width = 760;
const labelWidth = 170;
const textWidth = 290;
const rowHeight = 34;
const barHeight = 16;
const top = 8;

/**
 * Each tenant's spend this month against its monthly budget, as an inline SVG string: a track for the
 * whole budget, a bar for what is spent (settled plus reserved), coloured by status, and a dashed marker at
 * the alert threshold. Past 100% the scale stretches (up to 150%) so an overrun stays visible.
 *
 * @example
 * budgetBurnChart(report.tenants);
 */
export function budgetBurnChart(tenants: readonly Pick<TenantSummary, "tenantId" | "budget">[]): string {
  const plotWidth = width - labelWidth - textWidth;
  const percents = tenants.map(({ budget }) => chartValue(budget.burnPercent ?? "0"));
  const scaleMax = Math.min(150, Math.max(100, ...percents));
  const x = (percent: number) => labelWidth + (Math.min(percent, scaleMax) / scaleMax) * plotWidth;
  const height = top * 2 + Math.max(1, tenants.length) * rowHeight;
  const rows = tenants.map(({ tenantId, budget }, index) => {
    const y = top + index * rowHeight + (rowHeight - barHeight) / 2;
    const percent = percents[index] ?? 0;
    const color = budget.overBudget ? budgetColors.over : budget.alert ? budgetColors.alert : budgetColors.ok;
    const burn = budget.burnPercent === null ? "no budget" : `${budget.burnPercent}%`;
    const summary = `${burn} of ${budget.monthlyBudgetUsd} USD (alert at ${budget.alertThresholdPercent}%)`;
    const alertX = x(budget.alertThresholdPercent);
    return (
      "<g>" +
      `<text class="label" x="${labelWidth - 8}" y="${svgNumber(y + barHeight - 3)}" text-anchor="end">${escapeHtml(tenantId)}</text>` +
      `<rect class="track" x="${labelWidth}" y="${svgNumber(y)}" width="${svgNumber(x(100) - labelWidth)}" height="${barHeight}"/>` +
      `<rect x="${labelWidth}" y="${svgNumber(y)}" width="${svgNumber(x(percent) - labelWidth)}" height="${barHeight}" fill="${color}">` +
      `<title>${escapeHtml(`${tenantId}: spent ${budget.spentUsd} USD, ${summary}`)}</title></rect>` +
      `<line class="threshold" x1="${svgNumber(alertX)}" x2="${svgNumber(alertX)}" y1="${svgNumber(y - 4)}" y2="${svgNumber(y + barHeight + 4)}"/>` +
      `<text class="value" x="${svgNumber(x(scaleMax) + 8)}" y="${svgNumber(y + barHeight - 3)}">${escapeHtml(summary)}</text>` +
      "</g>"
    );
  });
  return (
    `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="Budget burn per tenant">` +
    `<title>Budget burn per tenant</title>${rows.join("")}</svg>`
  );
}
