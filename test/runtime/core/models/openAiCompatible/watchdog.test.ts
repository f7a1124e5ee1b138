import { describe, expect, it } from "vitest";
import { Watchdog } from "../../../../../runtime/core/models/openAiCompatible/watchdog.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Watchdog", () => {
  it("aborts once the armed limit passes, saying which limit it was", async () => {
    const watchdog = new Watchdog();
    watchdog.arm(30);

    await sleep(80);

    expect(watchdog.signal.aborted).toBe(true);
    expect(watchdog.expiredAfterMs).toBe(30);
  });

  it("does not abort while it is re-armed in time, and names the new limit when it passes", async () => {
    const watchdog = new Watchdog();
    watchdog.arm(150);
    for (let step = 0; step < 5; step++) {
      await sleep(50);
      watchdog.arm(150);
    }
    expect(watchdog.signal.aborted).toBe(false);

    watchdog.arm(20);
    await sleep(60);

    expect(watchdog.expiredAfterMs).toBe(20);
  });

  it("never aborts once disarmed", async () => {
    const watchdog = new Watchdog();
    watchdog.arm(20);
    watchdog.disarm();

    await sleep(60);

    expect(watchdog.signal.aborted).toBe(false);
    expect(watchdog.expiredAfterMs).toBeUndefined();
  });
});
