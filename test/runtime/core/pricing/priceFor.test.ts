import { describe, expect, it } from "vitest";
import type { ModelPrice } from "../../../../runtime/core/pricing/modelPrices.ts";
import { PriceUnknownError, priceFor } from "../../../../runtime/core/pricing/priceFor.ts";

const row = (modelId: string, effectiveFrom: string, inputPer1k: string) =>
  ({ provider: "bedrock", modelId, effectiveFrom, inputPer1k }) as unknown as ModelPrice;
const prices = [
  row("anthropic.claude-sonnet-4-20250514-v1:0", "2025-05-22", "0.003"),
  row("anthropic.claude-sonnet-4-20250514-v1:0", "2026-01-01", "0.0025"),
];

describe("priceFor", () => {
  it("takes the row in force on the day", () => {
    expect(
      priceFor("bedrock", "anthropic.claude-sonnet-4-20250514-v1:0", new Date("2025-12-31"), prices)
        .inputPer1k,
    ).toBe("0.003");
    expect(
      priceFor("bedrock", "anthropic.claude-sonnet-4-20250514-v1:0", new Date("2026-02-01"), prices)
        .inputPer1k,
    ).toBe("0.0025");
  });

  it("prices a Bedrock geographic profile id as its foundation model", () => {
    expect(
      priceFor("bedrock", "us.anthropic.claude-sonnet-4-20250514-v1:0", new Date("2026-02-01"), prices)
        .inputPer1k,
    ).toBe("0.0025");
  });

  it("refuses a model without a price, naming where to add one", () => {
    expect(() => priceFor("bedrock", "anthropic.unknown", new Date("2026-02-01"), prices)).toThrow(
      PriceUnknownError,
    );
    expect(() =>
      priceFor("bedrock", "anthropic.claude-sonnet-4-20250514-v1:0", new Date("2025-01-01"), prices),
    ).toThrow("add a row to runtime/core/pricing/modelPrices.ts");
  });

  it("prices every model of the example tenants today", async () => {
    const { loadTenantsOrThrow } = await import("../../../../runtime/core/tenants/loadTenants.ts");
    const models = (await loadTenantsOrThrow()).flatMap((tenant) =>
      tenant.models.allowlist.filter((model) => model.provider !== "echo"),
    );
    for (const model of models)
      expect(() => priceFor(model.provider, model.modelId, new Date())).not.toThrow();
  });
});
