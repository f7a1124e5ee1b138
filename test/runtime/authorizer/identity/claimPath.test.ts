import { describe, expect, it } from "vitest";
import {
  compileClaimPath,
  compileFirstClaim,
  isClaimPath,
} from "../../../../runtime/authorizer/identity/claimPath.ts";

describe("compileClaimPath", () => {
  it("reads a top-level claim and steps into nested objects with dots", () => {
    expect(compileClaimPath("tenant_id")({ tenant_id: "acme" })).toBe("acme");
    expect(compileClaimPath("o.id")({ o: { id: "org_2bZ", slg: "acme" } })).toBe("org_2bZ");
    expect(compileClaimPath("realm_access.roles")({ realm_access: { roles: ["a"] } })).toEqual(["a"]);
  });

  it("keeps a URL-named claim literal, dots and all", () => {
    const read = compileClaimPath("https://silo.example.com/tenant_id");

    expect(read({ "https://silo.example.com/tenant_id": "acme" })).toBe("acme");
    expect(read({ https: { "//silo": "x" } })).toBeUndefined();
  });

  it("reads own properties of objects only: never an array index, an inherited or a __proto__ claim", () => {
    expect(compileClaimPath("roles.0")({ roles: ["silo-tenant:acme"] })).toBeUndefined();
    expect(compileClaimPath("o.id")({ o: "org_1" })).toBeUndefined();
    expect(compileClaimPath("o.id")({ o: null })).toBeUndefined();
    expect(compileClaimPath("toString")({})).toBeUndefined();
    expect(compileClaimPath("o.constructor")({ o: {} })).toBeUndefined();
    expect(compileClaimPath("tenant_id")(JSON.parse('{"__proto__": {"tenant_id": "acme"}}'))).toBeUndefined();
  });
});

describe("compileFirstClaim", () => {
  it("takes the first path present (Clerk v2 o.id, then v1 org_id)", () => {
    const read = compileFirstClaim(["o.id", "org_id"]);

    expect(read({ o: { id: "org_v2" }, org_id: "org_v1" })).toBe("org_v2");
    expect(read({ org_id: "org_v1" })).toBe("org_v1");
    expect(read({})).toBeUndefined();
  });
});

describe("isClaimPath", () => {
  it.each(["tenant_id", "o.id", "realm_access.roles", "https://example.com/tenant", "cognito:groups"])(
    "accepts %s",
    (path) => {
      expect(isClaimPath(path)).toBe(true);
    },
  );

  it.each(["", "o..id", "a b", "o.__proto__", ".id"])("refuses %j", (path) => {
    expect(isClaimPath(path)).toBe(false);
  });
});
