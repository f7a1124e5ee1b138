import { describe, expect, it } from "vitest";
import { mapConcurrently } from "../../../../../runtime/core/models/bedrock/mapConcurrently.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("mapConcurrently", () => {
  it("returns results in the items' order with at most `limit` in flight", async () => {
    let inFlight = 0;
    let most = 0;

    const results = await mapConcurrently([30, 10, 20, 5, 1], 2, async (ms, index) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await sleep(ms);
      inFlight--;
      return `${index}:${ms}`;
    });

    expect(results).toEqual(["0:30", "1:10", "2:20", "3:5", "4:1"]);
    expect(most).toBe(2);
  });

  it("rejects with the first failure and starts nothing after it", async () => {
    const started: number[] = [];

    const outcome = mapConcurrently([1, 2, 3, 4], 1, async (item) => {
      started.push(item);
      if (item === 2) throw new Error("item 2 failed");
      return item;
    });

    await expect(outcome).rejects.toThrow("item 2 failed");
    expect(started).toEqual([1, 2]);
  });

  it("returns [] for no items", async () => {
    expect(await mapConcurrently([], 4, async () => 1)).toEqual([]);
  });
});
