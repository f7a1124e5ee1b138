import { describe, expect, it } from "vitest";
import { IdleTimeoutError, raceSignal } from "../../../../../runtime/core/models/bedrock/raceSignal.ts";

const never = () => new Promise<never>(() => {});

describe("raceSignal", () => {
  it("settles with the promise when it is first", async () => {
    expect(await raceSignal(Promise.resolve("done"), new AbortController().signal, 1000)).toBe("done");
    await expect(
      raceSignal(Promise.reject(new Error("upstream")), new AbortController().signal, 1000),
    ).rejects.toThrow("upstream");
  });

  it("rejects with the signal's reason when it aborts first", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("caller left")), 5);

    await expect(raceSignal(never(), controller.signal, 1000)).rejects.toThrow("caller left");
  });

  it("rejects at once for a signal already aborted", async () => {
    await expect(raceSignal(never(), AbortSignal.abort(new Error("gone")), 1000)).rejects.toThrow("gone");
  });

  it("rejects with IdleTimeoutError after timeoutMs", async () => {
    const outcome = raceSignal(never(), new AbortController().signal, 10);

    await expect(outcome).rejects.toBeInstanceOf(IdleTimeoutError);
    await expect(outcome).rejects.toThrow("no answer within 10 ms");
  });
});
