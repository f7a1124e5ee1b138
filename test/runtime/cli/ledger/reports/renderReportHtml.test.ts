import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../../../../runtime/cli/ledger/reports/escapeHtml.ts";
import { renderReportHtml } from "../../../../../runtime/cli/ledger/reports/renderReportHtml.ts";
import { checkHtml } from "./support/checkHtml.ts";
import { hostileTenantId, sampleReport } from "./support/sampleReport.ts";

const generatedAt = new Date("2026-12-01T06:00:00Z");

describe("escapeHtml", () => {
  it("escapes the five characters that can start or end markup", () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;",
    );
  });
});

describe("renderReportHtml", () => {
  it("is one well-formed, self-contained document: no scripts, links, fonts or URLs", () => {
    const html = renderReportHtml(sampleReport(), { generatedAt });

    expect(checkHtml(html)).toEqual([]);
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|@import|url\(|http/i);
    expect(html).not.toMatch(/<[^>]*\s(?:src|href|on[a-z]+)=/i);
  });

  it("escapes every tenant id and model key, in text, tooltips and labels", () => {
    const html = renderReportHtml(sampleReport(), { generatedAt });

    expect(html).not.toContain(hostileTenantId);
    expect(html).not.toContain(`m<b>"x"`);
    expect(html).toContain(escapeHtml(hostileTenantId));
    expect(html).toContain("m&lt;b&gt;&quot;x&quot;");
  });

  it("draws an SVG per chart: cost per day, cost by model, budget burn", () => {
    const html = renderReportHtml(sampleReport(), { generatedAt });

    for (const section of ["daily", "models", "budgets"]) {
      const body = html.split(`<section id="${section}">`)[1]?.split("</section>")[0] ?? "";
      expect(body, section).toMatch(/<svg class="chart" viewBox="[\d .]+" role="img" aria-label="[^"]+">/);
    }
    expect(html).toContain(`<title>acme-health, 2026-11-02: 0.009936 USD</title>`);
    expect(html).toContain("<title>bedrock: amazon.nova-lite-v1:0, billed cost: 0.000120 USD</title>");
    expect(html).toContain("120.00% of 0.000100 USD (alert at 50%)");
  });

  it("prints the report's exact amounts in the totals table and header", () => {
    const html = renderReportHtml(sampleReport(), { generatedAt });

    expect(html).toContain('<div class="kpi" id="total-billed"><b>0.010056</b>');
    expect(html).toContain(
      "<tr><td>acme-health</td><td>claude-sonnet</td><td>2</td><td>1200</td><td>300</td><td>100</td><td>40</td>" +
        "<td>0.008280</td><td>0.009936</td><td>0</td><td>1</td><td>0</td><td>0</td></tr>",
    );
    expect(html).toContain("2026-12-01T06:00:00.000Z");
  });

  it("renders a month without any calls", () => {
    const empty = { ...sampleReport(), rows: [], models: [], tenants: [], daily: [] };

    const html = renderReportHtml(empty, { generatedAt });

    expect(checkHtml(html)).toEqual([]);
    expect(html).toContain("No model calls this month.");
  });
});

describe("checkHtml (the test's own well-formedness check)", () => {
  it("catches unclosed elements, raw < and &, and unquoted attributes", () => {
    expect(checkHtml("<p><b>x</p>")).not.toEqual([]);
    expect(checkHtml("<p>a < b</p>")).not.toEqual([]);
    expect(checkHtml("<p>Tom & Jerry</p>")).not.toEqual([]);
    expect(checkHtml("<p class=x>y</p>")).not.toEqual([]);
    expect(checkHtml('<p class="x">a &amp; b<br /></p>')).toEqual([]);
  });
});
