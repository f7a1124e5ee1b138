import { chartScale, chartValue, svgNumber } from "./chartScale.ts";
import { escapeHtml } from "./escapeHtml.ts";

/** One stacked series: a name, its colour, and one exact amount per category. */
export interface ChartSeries {
  readonly name: string;
  /** A CSS colour from the report's own palette (never user input). */
  readonly color: string;
  /** Decimal amount strings, one per category. */
  readonly values: readonly string[];
}

/** What {@link stackedBarChart} draws. */
export interface StackedBarChartInput {
  /** The chart's accessible name. */
  readonly title: string;
  readonly categories: readonly string[];
  /** Axis label of each category (e.g. the day of the month). @default the category */
  readonly categoryLabel?: (category: string) => string;
  readonly series: readonly ChartSeries[];
  /** The unit after each amount in tooltips and the axis title, e.g. "USD". */
  readonly unit: string;
}

const width = 760;
const height = 280;
const margin = { top: 16, right: 12, bottom: 36, left: 64 };

/**
 * A vertical stacked bar chart as an inline SVG string: one bar per category, one coloured segment per
 * series, a value axis from 0 with gridlines, and a tooltip (`<title>`) per segment with the exact amount.
 * Self-contained: no scripts, no external references; every label is escaped.
 *
 * @example
 * stackedBarChart({ title: "Cost per day", categories: ["2026-11-01"], unit: "USD",
 *   series: [{ name: "acme", color: "#0072B2", values: ["1.25"] }] });
 */
export function stackedBarChart(input: StackedBarChartInput): string {
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const totals = input.categories.map((_, index) =>
    input.series.reduce((sum, series) => sum + chartValue(series.values[index] ?? "0"), 0),
  );
  const scale = chartScale(Math.max(0, ...totals));
  const y = (value: number) => margin.top + plotHeight - (value / scale.max) * plotHeight;
  const slot = plotWidth / Math.max(1, input.categories.length);
  const barWidth = Math.max(1, slot * 0.72);
  const label = input.categoryLabel ?? ((category: string) => category);

  const grid = scale.ticks.map(
    (tick) =>
      `<line class="grid" x1="${margin.left}" x2="${width - margin.right}" y1="${svgNumber(y(tick))}" y2="${svgNumber(y(tick))}"/>` +
      `<text class="tick" x="${margin.left - 6}" y="${svgNumber(y(tick) + 4)}" text-anchor="end">${tick.toFixed(scale.decimals)}</text>`,
  );
  const bars = input.categories.map((category, index) => {
    const x = margin.left + index * slot + (slot - barWidth) / 2;
    let base = 0;
    const segments = input.series.map((series) => {
      const amount = series.values[index] ?? "0";
      const value = chartValue(amount);
      if (value <= 0) return "";
      const top = y(base + value);
      const segment =
        `<rect x="${svgNumber(x)}" y="${svgNumber(top)}" width="${svgNumber(barWidth)}" height="${svgNumber(y(base) - top)}" fill="${escapeHtml(series.color)}">` +
        `<title>${escapeHtml(`${series.name}, ${category}: ${amount} ${input.unit}`)}</title></rect>`;
      base += value;
      return segment;
    });
    const axisLabel = `<text class="tick" x="${svgNumber(x + barWidth / 2)}" y="${height - margin.bottom + 14}" text-anchor="middle">${escapeHtml(label(category))}</text>`;
    return `<g>${segments.join("")}${axisLabel}</g>`;
  });
  return (
    `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(input.title)}">` +
    `<title>${escapeHtml(input.title)}</title>${grid.join("")}` +
    `<line class="axis" x1="${margin.left}" x2="${width - margin.right}" y1="${svgNumber(y(0))}" y2="${svgNumber(y(0))}"/>` +
    `${bars.join("")}` +
    `<text class="tick" x="12" y="${margin.top + plotHeight / 2}" transform="rotate(-90 12 ${margin.top + plotHeight / 2})" text-anchor="middle">${escapeHtml(input.unit)}</text>` +
    "</svg>"
  );
}
