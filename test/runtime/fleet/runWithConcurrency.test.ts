import { describe, expect, it } from "vitest";
import { runWithConcurrency } from "../../../runtime/fleet/runWithConcurrency.ts";

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("runWithConcurrency", () => {
  it("keeps the results in item order and never runs more than the limit", async () => {
    let running = 0;
    let most = 0;

    const results = await runWithConcurrency([30, 5, 20, 1, 10], 2, async (ms, index) => {
      running += 1;
      most = Math.max(most, running);
      await tick(ms);
      running -= 1;
      return index * 10;
    });

    expect(results).toEqual([0, 10, 20, 30, 40]);
    expect(most).toBe(2);
  });

  it("runs every item even when one fails, then throws the failure", async () => {
    const done: number[] = [];

    const act = runWithConcurrency([1, 2, 3], 1, async (item) => {
      if (item === 1) throw new Error("first failed");
      done.push(item);
    });

    await expect(act).rejects.toThrow("first failed");
    expect(done).toEqual([2, 3]);
  });

  it("refuses a limit below 1", async () => {
    await expect(runWithConcurrency([1], 0, async () => 1)).rejects.toThrow(
      "concurrency must be at least 1, got 0",
    );
  });
});
