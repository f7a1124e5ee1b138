import { describe, expect, it } from "vitest";
import {
  clerkPermissions,
  maxClerkPermissions,
} from "../../../../runtime/authorizer/identity/clerkPermissions.ts";
import { clerkSessionTokenV1, clerkSessionTokenV2 } from "./providerTokens.ts";

const base = { sub: "user_2bLQx9EJc4V7m2KpR5tYwN8aHdF", sid: "sess_2bLR0c8XkD3m5fGhJ7nQpT1vWyZ" };
const org = (per: unknown, fpm: unknown) => ({
  id: "org_2bLQz3Fh8KpV1nXcT6mWr9yEaJd",
  rol: "admin",
  slg: "acme",
  per,
  fpm,
});
const sorted = (values: string[]) => [...values].sort();

describe("clerkPermissions", () => {
  describe("version 2: fea, o.per and o.fpm", () => {
    it("decodes the example of Clerk's documentation (least significant bit = first name of o.per)", () => {
      // https://clerk.com/docs/guides/sessions/session-tokens: role admin with dashboard:read,
      // dashboard:manage and teams:read has fea o:dashboard,o:teams, o.per manage,read, o.fpm 3,2.
      const payload = { ...base, v: 2, fea: "o:dashboard,o:teams", o: org("manage,read", "3,2") };

      expect(clerkPermissions(payload)).toEqual([
        "org:dashboard:manage",
        "org:dashboard:read",
        "org:teams:read",
      ]);
    });

    it("reads 1 as the first permission name and 2 as the second, as Clerk's SDK tests do", () => {
      // clerk/javascript packages/shared/src/__tests__/jwtPayloadParser.spec.ts
      const payload = { ...base, v: 2, fea: "o:impersonation,o:memberships", o: org("read,manage", "1,3") };

      expect(sorted(clerkPermissions(payload))).toEqual(
        sorted(["org:impersonation:read", "org:memberships:read", "org:memberships:manage"]),
      );
    });

    it("decodes wider masks: 7 and 21 over five names", () => {
      const payload = {
        ...base,
        v: 2,
        fea: "o:repositories,o:projects",
        o: org("read,create,update,delete,revoke", "7,21"),
      };

      expect(clerkPermissions(payload)).toEqual([
        "org:repositories:read",
        "org:repositories:create",
        "org:repositories:update",
        "org:projects:read",
        "org:projects:update",
        "org:projects:revoke",
      ]);
    });

    it("gives fpm positions to organisation features only: u: entries are skipped, ou:/uo: count", () => {
      const payload = {
        ...base,
        v: 2,
        fea: "u:goldprofileborder,o:repositories,uo:projects",
        o: org("read,create,update,delete,revoke", "7,21"),
      };

      expect(clerkPermissions(payload)).toEqual([
        "org:repositories:read",
        "org:repositories:create",
        "org:repositories:update",
        "org:projects:read",
        "org:projects:update",
        "org:projects:revoke",
      ]);
    });

    it("gives a feature without an fpm entry no permission", () => {
      const payload = {
        ...base,
        v: 2,
        fea: "o:repositories,o:projects,o:webhooks,o:impersonation",
        o: org("read,manage", "1,2,3"),
      };

      expect(clerkPermissions(payload)).toEqual([
        "org:repositories:read",
        "org:projects:manage",
        "org:webhooks:read",
        "org:webhooks:manage",
      ]);
    });

    it("gives no permission without an active organisation or without o.per and o.fpm", () => {
      expect(clerkPermissions({ ...base, v: 2, fea: "u:impersonation,u:memberships" })).toEqual([]);
      expect(
        clerkPermissions({ ...base, v: 2, fea: "o:chat", o: { id: "org_1", rol: "admin", slg: "a" } }),
      ).toEqual([]);
    });

    it("decodes what the Clerk v2 token builder encodes", () => {
      const { payload } = clerkSessionTokenV2({
        nowSeconds: 1_764_147_600,
        scopes: ["chat:write", "models:read", "conversations:read", "conversations:write"],
        userFeatures: ["impersonation"],
      });

      expect(sorted(clerkPermissions(payload))).toEqual(
        sorted(["org:chat:write", "org:models:read", "org:conversations:read", "org:conversations:write"]),
      );
    });

    it.each([
      ["an fea entry without a colon", { fea: "o:chat,dashboard", o: org("write", "1,1") }],
      ["an fpm entry that is not a decimal integer", { fea: "o:chat", o: org("write", "0x1") }],
      ["an empty fpm entry", { fea: "o:chat,o:models", o: org("write", "1,,1") }],
      ["a negative fpm entry", { fea: "o:chat", o: org("write", "-1") }],
      ["a bit beyond o.per", { fea: "o:chat", o: org("write", "2") }],
      ["a huge fpm entry", { fea: "o:chat", o: org("write", "99999999999999999999") }],
      ["o.per not a string", { fea: "o:chat", o: org(["write"], "1") }],
      ["o.fpm a number", { fea: "o:chat", o: org("write", 1) }],
      ["fea an array", { fea: ["o:chat"], o: org("write", "1") }],
      ["o an array", { fea: "o:chat", o: [] }],
      ["a permission name with a colon", { fea: "o:chat", o: org("chat:write", "1") }],
      ["an empty feature name", { fea: "o:", o: org("write", "1") }],
      [
        "more than 64 features",
        { fea: Array.from({ length: 65 }, (_, i) => `o:f${i}`).join(","), o: org("write", "1") },
      ],
    ])("gives [] for %s", (_name, claims) => {
      expect(clerkPermissions({ ...base, v: 2, ...claims })).toEqual([]);
    });

    it(`returns at most ${maxClerkPermissions} permissions`, () => {
      const features = Array.from({ length: 40 }, (_, i) => `o:feature${i}`).join(",");
      const payload = { ...base, v: 2, fea: features, o: org("read,write", Array(40).fill("3").join(",")) };

      const permissions = clerkPermissions(payload);

      expect(permissions).toHaveLength(maxClerkPermissions);
      expect(permissions[0]).toBe("org:feature0:read");
    });
  });

  describe("version 1: org_permissions", () => {
    it("returns org_permissions as they are", () => {
      const payload = {
        ...base,
        org_id: "org_2bLQz3Fh8KpV1nXcT6mWr9yEaJd",
        org_role: "org:admin",
        org_slug: "acme",
        org_permissions: ["org:chat:write", "org:models:read"],
      };

      expect(clerkPermissions(payload)).toEqual(["org:chat:write", "org:models:read"]);
    });

    it("matches the v2 decoding of the same grants, as Clerk's SDK tests require", () => {
      const v1 = {
        ...base,
        org_id: "org_x",
        org_permissions: ["org:impersonation:read", "org:impersonation:manage"],
      };
      const v2 = { ...base, v: 2, fea: "o:impersonation", o: org("read,manage", "3") };

      expect(clerkPermissions(v1)).toEqual(clerkPermissions(v2));
    });

    it("reads the Clerk v1 token builder's permissions", () => {
      const { payload } = clerkSessionTokenV1({ nowSeconds: 1_764_147_600, scopes: ["chat:write"] });

      expect(clerkPermissions(payload)).toEqual(["org:chat:write"]);
    });

    it.each([
      ["org_permissions a string", { org_permissions: "org:chat:write" }],
      ["an entry that is not a string", { org_permissions: ["org:chat:write", 7] }],
      ["an entry not of the form org:<feature>:<permission>", { org_permissions: ["chat:write"] }],
      ["an unknown token version", { v: 3, org_permissions: ["org:chat:write"] }],
    ])("gives [] for %s", (_name, claims) => {
      expect(clerkPermissions({ ...base, ...claims })).toEqual([]);
    });

    it("gives [] without an active organisation", () => {
      expect(clerkPermissions({ ...base })).toEqual([]);
    });
  });

  it("never reads inherited claims and never throws", () => {
    const inherited = Object.create({ v: 2, o: org("write", "1"), fea: "o:chat" }) as Record<string, unknown>;
    const throwing = {
      get v(): unknown {
        throw new Error("boom");
      },
    };

    expect(clerkPermissions(inherited)).toEqual([]);
    expect(clerkPermissions(JSON.parse('{"__proto__":{"org_permissions":["org:chat:write"]}}'))).toEqual([]);
    expect(clerkPermissions(throwing)).toEqual([]);
    expect(clerkPermissions(null as unknown as Record<string, unknown>)).toEqual([]);
  });
});
