import { generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type LocalPlatform,
  type ReliabilityPlatform,
  startReliabilityPlatform,
  waitFor,
} from "./support/reliabilityPlatform.ts";

// Short windows so the drill runs in seconds; production uses 600 s, 30 s and 300 s. The authorizer reads
// whole seconds: these are the shortest that keep the cache window longer than the unknown-kid cooldown.
const jwksCacheSeconds = 2;
const jwksCooldownSeconds = 1;
const memoTtlSeconds = 1;

let harness: ReliabilityPlatform;
let platform: LocalPlatform;

beforeAll(async () => {
  harness = await startReliabilityPlatform("jwks", {
    // Every request reaches the authorizer: the gateway's decision cache would hide the JWKS behaviour.
    authorizerCacheTtlSeconds: 0,
    jwksCacheSeconds,
    jwksCooldownSeconds,
    authorizerMemoTtlSeconds: memoTtlSeconds,
  });
  platform = harness.platform;
}, 120_000);

afterAll(async () => {
  platform?.identityProvider.setJwksOutage(false);
  await harness?.close();
});

const idp = () => platform.identityProvider;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function listModels(token: string): Promise<number> {
  const response = await fetch(`${platform.url}/acme-health/v1/models`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await response.arrayBuffer();
  return response.status;
}

type ForeignKey = Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];

/** A token shaped like the IdP's, signed by a key the IdP never published, under `kid`. */
async function foreignToken(privateKey: ForeignKey, kid: string): Promise<string> {
  return new SignJWT({ tenant_id: "acme-health", scope: "models:read" })
    .setProtectedHeader({ alg: "RS256", typ: "at+jwt", kid })
    .setIssuer(platform.issuer)
    .setAudience(platform.audience)
    .setSubject("intruder")
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(privateKey);
}

describe("signing-key rotation and JWKS outage through the local platform's dev IdP", () => {
  it("accepts a new signing key without a restart, with one JWKS fetch", async () => {
    // Prepare: the authorizer has the current key set, and the unknown-kid cooldown has passed
    expect(await listModels(await platform.mintToken({ tenantId: "acme-health" }))).toBe(200);
    await sleep(jwksCooldownSeconds * 1000 + 200);
    const fetchesBefore = idp().jwksFetches();

    // Act
    const newKid = await idp().rotateSigningKey();
    const status = await listModels(await platform.mintToken({ tenantId: "acme-health" }));

    // Assess
    expect(status).toBe(200);
    expect(idp().jwksFetches() - fetchesBefore).toBe(1);
    expect(idp().signingKid).toBe(newKid);
  });

  it("does not refetch the JWKS per unknown kid: 200 forged kids cost at most one fetch per cooldown", async () => {
    // Prepare: the unknown-kid cooldown has passed, so the first forged kid may cause one fetch
    const { privateKey } = await generateKeyPair("RS256");
    const tokens = await Promise.all(
      Array.from({ length: 200 }, (_, index) => foreignToken(privateKey, `forged-${index}`)),
    );
    await sleep(jwksCooldownSeconds * 1000 + 200);
    const fetchesBefore = idp().jwksFetches();
    const started = performance.now();

    // Act: in waves of 20 concurrent requests
    const statuses: number[] = [];
    for (let wave = 0; wave < tokens.length; wave += 20) {
      statuses.push(...(await Promise.all(tokens.slice(wave, wave + 20).map(listModels))));
    }
    const elapsedSeconds = (performance.now() - started) / 1000;

    // Assess
    const fetches = idp().jwksFetches() - fetchesBefore;
    console.log(
      `forged kids: ${tokens.length} requests in ${elapsedSeconds.toFixed(1)} s, ${fetches} JWKS fetch(es)`,
    );
    expect(new Set(statuses)).toEqual(new Set([401]));
    expect(fetches).toBeGreaterThanOrEqual(1);
    expect(fetches).toBeLessThanOrEqual(Math.ceil(elapsedSeconds / jwksCooldownSeconds));
  }, 30_000);

  it("refuses a key withdrawn from the JWKS once the cache window has passed, and keeps the new one", async () => {
    // Prepare: tokens of the old and the new key, both accepted
    const oldKid = idp().signingKid;
    const oldKeyToken = await platform.mintToken({ tenantId: "acme-health" });
    const newKid = await idp().rotateSigningKey();
    const newKeyToken = await platform.mintToken({ tenantId: "acme-health" });
    await waitFor(async () => (await listModels(newKeyToken)) === 200);
    expect(await listModels(oldKeyToken)).toBe(200);

    // Act
    idp().withdrawKey(oldKid);
    const withdrawnAt = performance.now();
    await waitFor(async () => (await listModels(oldKeyToken)) === 401, 20_000);
    const refusedAfterSeconds = (performance.now() - withdrawnAt) / 1000;
    const freshOldKeyToken = await platform.mintToken({ tenantId: "acme-health", kid: oldKid });

    // Assess
    console.log(
      `withdrawn key refused after ${refusedAfterSeconds.toFixed(1)} s (cache window ${jwksCacheSeconds} s)`,
    );
    expect(refusedAfterSeconds).toBeLessThanOrEqual(jwksCacheSeconds + memoTtlSeconds + 2);
    expect(await listModels(freshOldKeyToken)).toBe(401);
    expect(await listModels(newKeyToken)).toBe(200);
    expect(idp().jwksFetches()).toBeGreaterThan(0);
    expect(newKid).not.toBe(oldKid);
  }, 30_000);

  it("keeps accepting cached keys through a JWKS outage, with backed-off fetches, and recovers after it", async () => {
    // Prepare
    const token = await platform.mintToken({ tenantId: "acme-health" });
    expect(await listModels(token)).toBe(200);
    const fetchesBefore = idp().jwksFetches();

    // Act: an outage longer than two cache windows, under steady traffic
    idp().setJwksOutage(true);
    const statuses: number[] = [];
    const outageMs = (2 * jwksCacheSeconds + 2) * 1000;
    const started = performance.now();
    while (performance.now() - started < outageMs) {
      statuses.push(await listModels(await platform.mintToken({ tenantId: "acme-health" })));
      await sleep(25);
    }
    const fetchesDuringOutage = idp().jwksFetches() - fetchesBefore;
    const rotatedKid = await idp().rotateSigningKey();
    const newKeyDuringOutage = await listModels(await platform.mintToken({ tenantId: "acme-health" }));
    idp().setJwksOutage(false);
    const recoveredAt = performance.now();
    await waitFor(
      async () => (await listModels(await platform.mintToken({ tenantId: "acme-health" }))) === 200,
    );
    const recoverySeconds = (performance.now() - recoveredAt) / 1000;

    // Assess
    console.log(
      `JWKS outage of ${(outageMs / 1000).toFixed(0)} s: ${statuses.length} requests, ` +
        `${statuses.filter((status) => status === 200).length} allowed, ${fetchesDuringOutage} JWKS fetch(es); ` +
        `new key ${rotatedKid} accepted ${recoverySeconds.toFixed(1)} s after the outage`,
    );
    expect(statuses.length).toBeGreaterThan(50);
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(fetchesDuringOutage).toBeGreaterThan(0);
    expect(fetchesDuringOutage).toBeLessThanOrEqual(5);
    expect(newKeyDuringOutage).toBe(401);
    expect(recoverySeconds).toBeLessThan(20);
  }, 60_000);
});
