import { describe, expect, it } from "vitest";
import { TokenMemo } from "../../../runtime/authorizer/tokenMemo.ts";

describe("TokenMemo", () => {
  it("returns a value until it expires", () => {
    const memo = new TokenMemo<string>(10);
    memo.set("h", "v", 1000);

    expect(memo.get("h", 999)).toBe("v");
    expect(memo.get("h", 1000)).toBeUndefined();
    expect(memo.size).toBe(0);
  });

  it("evicts the least recently used entry when full", () => {
    const memo = new TokenMemo<string>(2);
    memo.set("a", "1", 10);
    memo.set("b", "2", 10);
    memo.get("a", 0);

    memo.set("c", "3", 10);

    expect(memo.get("b", 0)).toBeUndefined();
    expect(memo.get("a", 0)).toBe("1");
    expect(memo.get("c", 0)).toBe("3");
  });

  it("never grows past its bound", () => {
    const memo = new TokenMemo<number>(100);
    for (let index = 0; index < 1000; index++) memo.set(String(index), index, 10);

    expect(memo.size).toBe(100);
  });

  it("remembers nothing with size 0", () => {
    const memo = new TokenMemo<string>(0);
    memo.set("a", "1", 10);

    expect(memo.get("a", 0)).toBeUndefined();
  });
});
