import { chartValue, svgNumber } from "./chartScale.ts";
import { escapeHtml } from "./escapeHtml.ts";
import type { ChartSeries } from "./stackedBarChart.ts";

/** What {@link groupedBarChart} draws. */
export interface GroupedBarChartInput {
  /** The chart's accessible name. */
  readonly title: string;
  /** One group of bars per category, labelled above its bars. */
  readonly categories: readonly string[];
  /** One bar per series in each group. */
  readonly series: readonly ChartSeries[];
  readonly unit: string;
}

const width = 760;
const left = 8;
const valueWidth = 90;
const labelHeight = 16;
const barHeight = 14;
const barGap = 3;
const groupGap = 14;
const top = 6;

/**
 * A horizontal grouped bar chart as an inline SVG string: one group per category (e.g. a model), its label
 * above one bar per series (e.g. provider and billed cost), each bar labelled with its exact amount.
 * Self-contained and escaped like {@link stackedBarChart}.
 *
 * @example
 * groupedBarChart({ title: "Cost by model", categories: ["amazon.nova-lite-v1:0"], unit: "USD",
 *   series: [{ name: "billed", color: "#0072B2", values: ["0.07"] }] });
 */
export function groupedBarChart(input: GroupedBarChartInput): string {
  const plotWidth = width - left - valueWidth;
  // No value axis: the longest bar spans the plot and every bar carries its exact amount.
  const largest = Math.max(0, ...input.series.flatMap((series) => series.values.map(chartValue)));
  const scaleMax = largest > 0 ? largest : 1;
  const groupHeight = labelHeight + input.series.length * (barHeight + barGap) - barGap;
  const height = top * 2 + Math.max(1, input.categories.length) * (groupHeight + groupGap) - groupGap;
  const groups = input.categories.map((category, index) => {
    const groupTop = top + index * (groupHeight + groupGap);
    // The label goes above its bars, so a long model id is never cut off.
    const label = `<text class="label" x="${left}" y="${groupTop + labelHeight - 4}">${escapeHtml(category)}</text>`;
    const bars = input.series.map((series, seriesIndex) => {
      const amount = series.values[index] ?? "0";
      const barWidth = (Math.max(0, chartValue(amount)) / scaleMax) * plotWidth;
      const y = groupTop + labelHeight + seriesIndex * (barHeight + barGap);
      return (
        `<rect x="${left}" y="${y}" width="${svgNumber(barWidth)}" height="${barHeight}" fill="${escapeHtml(series.color)}">` +
        `<title>${escapeHtml(`${category}, ${series.name}: ${amount} ${input.unit}`)}</title></rect>` +
        `<text class="value" x="${svgNumber(left + barWidth + 6)}" y="${y + barHeight - 3}">${escapeHtml(amount)}</text>`
      );
    });
    return `<g>${label}${bars.join("")}</g>`;
  });
  return (
    `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(input.title)}">` +
    `<title>${escapeHtml(input.title)}</title>${groups.join("")}</svg>`
  );
}
