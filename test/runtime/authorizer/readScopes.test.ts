import { describe, expect, it } from "vitest";
import { readScopes } from "../../../runtime/authorizer/readScopes.ts";

describe("readScopes", () => {
  it("splits a space-separated scope string", () => {
    expect(readScopes("models:read  chat:write")).toEqual(["models:read", "chat:write"]);
  });

  it("reads an array claim, skipping non-strings", () => {
    expect(readScopes(["models:read", 7, null, "chat:write"])).toEqual(["models:read", "chat:write"]);
  });

  it.each([[undefined], [42], [{ scope: "chat:write" }], [null]])("reads %o as no scopes", (claim) => {
    expect(readScopes(claim)).toEqual([]);
  });

  it("skips entries with control characters or over 128 characters", () => {
    expect(readScopes(["chat:write\n", "x".repeat(129), "ok"])).toEqual(["ok"]);
  });

  it("keeps at most 64 scopes", () => {
    expect(readScopes(Array.from({ length: 1000 }, (_, index) => `s${index}`))).toHaveLength(64);
  });
});
