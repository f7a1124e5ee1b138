import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLocalJWKSet, decodeJwt, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDevIdentityProvider } from "../../../runtime/local/devIdentityProvider.ts";
import { localTokenSource } from "../../../runtime/smoke/localTokenSource.ts";
import type { SmokeTokenError } from "../../../runtime/smoke/smokeErrors.ts";

const issuer = "http://127.0.0.1:9191/_idp";
let dataDir: string;
let jwks: ReturnType<typeof createLocalJWKSet>;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "silo-smoke-idp-"));
  jwks = createLocalJWKSet((await openDevIdentityProvider({ dataDir, issuer })).jwks as never);
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("localTokenSource", () => {
  it("mints tokens with the dev key for the issuer of the platform's port", async () => {
    const tokens = await localTokenSource({ dataDir, port: 9191 });

    const token = await tokens.token("globex", ["models:read", "usage:read"]);

    const { payload } = await jwtVerify(token, jwks, { issuer, audience: "silo-local" });
    expect(payload).toMatchObject({
      tenant_id: "globex",
      scope: "models:read usage:read",
      sub: "silo-smoke",
    });
  });

  it("signs an expired token with the same key, expired well past any clock tolerance", async () => {
    const tokens = await localTokenSource({ dataDir, port: 9191 });

    const expired = await tokens.expiredToken("globex");

    if (!("token" in expired)) throw new Error("expected a token");
    const claims = decodeJwt(expired.token);
    expect(claims).toMatchObject({ tenant_id: "globex", iss: issuer, aud: "silo-local" });
    expect((claims.exp ?? 0) * 1000).toBeLessThan(Date.now() - 300_000);
    await expect(
      jwtVerify(expired.token, jwks, { currentDate: new Date((claims.exp ?? 0) * 1000 - 1000) }),
    ).resolves.toBeDefined();
  });

  it("refuses a data directory without a signing key instead of creating one", async () => {
    const empty = join(dataDir, "not-the-platform");

    const error = (await localTokenSource({ dataDir: empty, port: 9191 }).catch(
      (caught) => caught,
    )) as SmokeTokenError;

    expect(error.code).toBe("SMOKE_TOKEN_FAILED");
    expect(error.message).toContain(`no dev signing key at ${join(empty, "idp", "signing-key.jwk.json")}`);
  });
});
