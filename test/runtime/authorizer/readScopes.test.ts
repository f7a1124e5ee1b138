import { describe, expect, it } from "vitest";
import { readScopes } from "../../../runtime/authorizer/readScopes.ts";

describe("readScopes", () => {
  it("keeps a well-formed space-separated scope string as it is", () => {
    const claim = "models:read chat:write";

    expect(readScopes(claim)).toBe(claim);
  });

  it("keeps a claim of exactly 64 scopes as it is, and cuts one of 65 to 64", () => {
    const scopes = Array.from({ length: 65 }, (_, index) => `s${index}`);
    const sixtyFour = scopes.slice(0, 64).join(" ");

    expect(readScopes(sixtyFour)).toBe(sixtyFour);
    expect(readScopes(scopes.join(" "))).toBe(sixtyFour);
  });

  it("drops empty entries from a string with runs of spaces", () => {
    expect(readScopes(" models:read  chat:write ")).toBe("models:read chat:write");
  });

  it("reads an array claim, skipping non-strings", () => {
    expect(readScopes(["models:read", 7, null, "chat:write"])).toBe("models:read chat:write");
  });

  it.each([[undefined], [42], [{ scope: "chat:write" }], [null], [""], [[]]])(
    "reads %o as no scopes",
    (claim) => {
      expect(readScopes(claim)).toBe("");
    },
  );

  it("skips entries with control characters or over 128 characters", () => {
    expect(readScopes(["chat:write\n", "x".repeat(129), "ok"])).toBe("ok");
    expect(readScopes(`chat:write\tadmin ${"x".repeat(129)} ok`)).toBe("ok");
  });

  it("keeps at most 64 scopes, from an array or a string", () => {
    const many = Array.from({ length: 1000 }, (_, index) => `s${index}`);

    expect(readScopes(many).split(" ")).toHaveLength(64);
    expect(readScopes(many.join(" ")).split(" ")).toHaveLength(64);
  });
});
