import { describe, expect, it } from "vitest";
import { createScopeReader } from "../../../../runtime/authorizer/identity/readTokenScopes.ts";

describe("createScopeReader", () => {
  it("reads one claim as a space-separated string or an array", () => {
    const read = createScopeReader({ scopeClaims: ["scp"], scopePrefix: "", scopeFormat: "standard" });

    expect(read({ scp: "chat:write models:read" })).toBe("chat:write models:read");
    expect(read({ scp: ["chat:write", "models:read"] })).toBe("chat:write models:read");
    expect(read({})).toBe("");
  });

  it("combines several claims (Entra: delegated scp and app roles)", () => {
    const read = createScopeReader({
      scopeClaims: ["scp", "roles"],
      scopePrefix: "",
      scopeFormat: "standard",
    });

    expect(read({ scp: "chat:write", roles: ["usage:read", "silo-tenant:acme"] })).toBe(
      "chat:write usage:read silo-tenant:acme",
    );
    expect(read({ roles: ["usage:read"] })).toBe("usage:read");
  });

  it("with a prefix, counts only the entries that carry it, without it (Cognito resource server)", () => {
    const read = createScopeReader({ scopeClaims: ["scope"], scopePrefix: "silo/", scopeFormat: "standard" });

    expect(read({ scope: "openid silo/chat:write other/models:read silo/models:read" })).toBe(
      "chat:write models:read",
    );
    expect(read({ scope: "chat:write" })).toBe("");
  });

  it("reads Clerk's organisation permissions, v2 compact and v1, without org:", () => {
    const read = createScopeReader({ scopeClaims: [], scopePrefix: "org:", scopeFormat: "clerk" });

    expect(read({ v: 2, fea: "o:chat,o:models", o: { id: "org_1", per: "read,write", fpm: "2,1" } })).toBe(
      "chat:write models:read",
    );
    expect(read({ org_id: "org_1", org_permissions: ["org:chat:write", "org:usage:read"] })).toBe(
      "chat:write usage:read",
    );
    expect(read({ v: 2 })).toBe("");
  });
});
