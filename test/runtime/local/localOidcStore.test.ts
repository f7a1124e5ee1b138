import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LocalOidcStore } from "../../../runtime/local/localOidcStore.ts";

beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2026-12-05T08:00:00Z"), toFake: ["Date"] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe("LocalOidcStore", () => {
  it("finds what was stored until it expires, per model", async () => {
    // Prepare
    const store = new LocalOidcStore();
    await store.adapter("AuthorizationCode").upsert("code-1", { clientId: "globex-web" }, 60);

    // Act
    const found = await store.adapter("AuthorizationCode").find("code-1");
    const otherModel = await store.adapter("Session").find("code-1");
    vi.setSystemTime(new Date("2026-12-05T08:01:00Z"));
    const expired = await store.adapter("AuthorizationCode").find("code-1");

    // Assess
    expect(found).toEqual({ clientId: "globex-web" });
    expect(otherModel).toBeUndefined();
    expect(expired).toBeUndefined();
  });

  it("finds a session by its uid and marks a code consumed", async () => {
    // Prepare
    const store = new LocalOidcStore();
    await store.adapter("Session").upsert("session-1", { uid: "uid-1", accountId: "alice" }, 3600);
    await store.adapter("AuthorizationCode").upsert("code-1", { clientId: "globex-web" }, 60);

    // Act
    const session = await store.adapter("Session").findByUid("uid-1");
    await store.adapter("AuthorizationCode").consume("code-1");

    // Assess
    expect(session).toMatchObject({ accountId: "alice" });
    expect((await store.adapter("AuthorizationCode").find("code-1"))?.consumed).toBe(
      Math.floor(Date.now() / 1000),
    );
  });

  it("revokes everything a grant issued", async () => {
    // Prepare
    const store = new LocalOidcStore();
    await store.adapter("AuthorizationCode").upsert("code-1", { grantId: "grant-1" }, 60);
    await store.adapter("RefreshToken").upsert("refresh-1", { grantId: "grant-1" }, 3600);
    await store.adapter("AuthorizationCode").upsert("code-2", { grantId: "grant-2" }, 60);

    // Act
    await store.adapter("Grant").revokeByGrantId("grant-1");

    // Assess
    expect(await store.adapter("AuthorizationCode").find("code-1")).toBeUndefined();
    expect(await store.adapter("RefreshToken").find("refresh-1")).toBeUndefined();
    expect(await store.adapter("AuthorizationCode").find("code-2")).toEqual({ grantId: "grant-2" });
  });
});
