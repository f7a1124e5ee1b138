import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callCostBoundMicroUsd } from "../../../../runtime/core/ledger/callCostBound.ts";
import { modelPrices } from "../../../../runtime/core/pricing/modelPrices.ts";
import { createTestDatabase, type TestDatabase } from "../../../support/postgres/testDatabase.ts";

let database: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase("bound");
  client = new pg.Client(database.url);
  await client.connect();
});

afterAll(async () => {
  await client.end();
  await database.drop();
});

describe("callCostBoundMicroUsd", () => {
  it("prices a call as the ledger does, in micro-dollars", () => {
    const price = { inputPer1k: "0.00006", outputPer1k: "0.00024" };

    expect(callCostBoundMicroUsd(1000, 500, price, "0")).toBe(180n);
    expect(callCostBoundMicroUsd(1000, 500, price, "10.0000")).toBe(198n);
    expect(callCostBoundMicroUsd(0, 0, price, "0")).toBe(0n);
  });

  it("rounds up where the ledger rounds half up", () => {
    // 1 token at 0.0015 per 1K = 0.0000015 USD: the ledger's round() gives 0.000002, the bound 2.
    expect(callCostBoundMicroUsd(1, 0, { inputPer1k: "0.0015", outputPer1k: "0" }, "0")).toBe(2n);
    // 1 token at 0.0011 per 1K = 0.0000011 USD: the ledger gives 0.000001, the bound 2.
    expect(callCostBoundMicroUsd(1, 0, { inputPer1k: "0.0011", outputPer1k: "0" }, "0")).toBe(2n);
  });

  it("refuses token counts that are not whole numbers", () => {
    expect(() => callCostBoundMicroUsd(1.5, 0, { inputPer1k: "1", outputPer1k: "1" }, "0")).toThrow(
      /token count 1.5 is not a whole number/,
    );
  });

  it("is never below silo_reserve's estimate, and less than a micro-dollar above it", async () => {
    // Prepare: every priced model, token counts and markups across their ranges, from a fixed seed.
    let seed = 20261206;
    const random = (limit: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % limit;
    };
    const cases = Array.from({ length: 400 }, (_, index) => {
      const price = modelPrices[index % modelPrices.length];
      if (price === undefined) throw new Error("no prices");
      return {
        price,
        input: random(200_000),
        output: random(64_000),
        markup: `${random(500)}.${String(random(10_000)).padStart(4, "0")}`,
      };
    });

    // Act: the ledger's own expression, in Postgres numeric.
    const { rows } = await client.query<{ estimate: string }>(
      `SELECT (round((c.input * c.pin + c.output * c.pout) / 1000 * (1 + c.markup / 100), 6) * 1000000)::bigint::text AS estimate
       FROM jsonb_to_recordset($1::jsonb) AS c(input integer, output integer, pin numeric, pout numeric, markup numeric, ord integer)
       ORDER BY c.ord`,
      [
        JSON.stringify(
          cases.map((c, ord) => ({
            input: c.input,
            output: c.output,
            pin: c.price.inputPer1k,
            pout: c.price.outputPer1k,
            markup: c.markup,
            ord,
          })),
        ),
      ],
    );

    // Assess
    cases.forEach((c, index) => {
      const bound = callCostBoundMicroUsd(c.input, c.output, c.price, c.markup);
      const estimate = BigInt(rows[index]?.estimate ?? "-1");
      expect(
        bound >= estimate && bound - estimate <= 1n,
        `${JSON.stringify(c)}: ${bound} vs ${estimate}`,
      ).toBe(true);
    });
  });
});
