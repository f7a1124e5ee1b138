import { describe, expect, it } from "vitest";
import { TokenMemo } from "../../../runtime/authorizer/tokenMemo.ts";

/** A memo value `v` valid until `expiresAtMs`. */
const entry = <T>(v: T, expiresAtMs: number) => ({ v, expiresAtMs });

describe("TokenMemo", () => {
  it("returns a value until it expires", () => {
    const memo = new TokenMemo<{ v: string; expiresAtMs: number }>(10);
    memo.set("h", entry("v", 1000));

    expect(memo.get("h", 999)?.v).toBe("v");
    expect(memo.get("h", 1000)).toBeUndefined();
    expect(memo.size).toBe(0);
  });

  it("evicts the least recently used entry when full", () => {
    const memo = new TokenMemo<{ v: string; expiresAtMs: number }>(2);
    memo.set("a", entry("1", 10));
    memo.set("b", entry("2", 10));
    memo.get("a", 0);

    memo.set("c", entry("3", 10));

    expect(memo.get("b", 0)).toBeUndefined();
    expect(memo.get("a", 0)?.v).toBe("1");
    expect(memo.get("c", 0)?.v).toBe("3");
  });

  it("never grows past its bound", () => {
    const memo = new TokenMemo<{ v: number; expiresAtMs: number }>(100);
    for (let index = 0; index < 1000; index++) memo.set(String(index), entry(index, 10));

    expect(memo.size).toBe(100);
  });

  it("keeps the most recently used entries through many evictions", () => {
    const memo = new TokenMemo<{ v: number; expiresAtMs: number }>(1000);
    memo.set("hot", entry(-1, 10));
    for (let index = 0; index < 50_000; index++) {
      memo.set(`cold-${index}`, entry(index, 10));
      expect(memo.get("hot", 0)?.v).toBe(-1);
    }

    expect(memo.size).toBe(1000);
    // The hot entry and the 999 newest cold ones.
    expect(memo.get("cold-49001", 0)?.v).toBe(49_001);
    expect(memo.get("cold-49000", 0)).toBeUndefined();
  });

  it("remembers nothing with size 0", () => {
    const memo = new TokenMemo<{ v: string; expiresAtMs: number }>(0);
    memo.set("a", entry("1", 10));

    expect(memo.get("a", 0)).toBeUndefined();
  });
});
