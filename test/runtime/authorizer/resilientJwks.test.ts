import type { FlattenedJWSInput, JWSHeaderParameters } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createResilientJwks } from "../../../runtime/authorizer/resilientJwks.ts";
import { rsaKey, TestIdentityProvider, validClaims } from "./support/testIdentityProvider.ts";

let idp: TestIdentityProvider;
let clock: { nowMs: number };

beforeEach(async () => {
  idp = await TestIdentityProvider.start(rsaKey("k1"), rsaKey("k2"));
  clock = { nowMs: 1_000_000 };
});

afterEach(async () => {
  await idp.close();
});

const resolver = () =>
  createResilientJwks({
    url: idp.jwksUrl,
    cacheMs: 60_000,
    cooldownMs: 30_000,
    timeoutMs: 2000,
    now: () => clock.nowMs,
  });

/** What jose hands a resolver for `token`: the parsed protected header and the segments. */
function resolverInput(token: string): [JWSHeaderParameters, FlattenedJWSInput] {
  const [protectedHeader = "", payload = "", signature = ""] = token.split(".");
  const header = JSON.parse(Buffer.from(protectedHeader, "base64url").toString()) as JWSHeaderParameters;
  return [header, { protected: protectedHeader, payload, signature }];
}

const headerOf = (token: string) => token.slice(0, token.indexOf("."));

describe("createResilientJwks: keys by protected header", () => {
  it("knows no header before it has resolved one", () => {
    const keys = resolver();

    expect(keys.keyForHeader(headerOf(idp.sign(validClaims(), { kid: "k1" })))).toBeUndefined();
  });

  it("returns the key it resolved for exactly that header text, and nothing for another", async () => {
    // Prepare
    const keys = resolver();
    const token = idp.sign(validClaims(), { kid: "k1" });

    // Act
    const resolved = await keys(...resolverInput(token));

    // Assess: same header text (another token of the same key) gives the same key; other text does not
    const sameHeader = idp.sign({ ...validClaims(), jti: "other" }, { kid: "k1" });
    expect(keys.keyForHeader(headerOf(sameHeader))).toBe(resolved);
    expect(keys.keyForHeader(headerOf(idp.sign(validClaims(), { kid: "k2" })))).toBeUndefined();
    const reordered = Buffer.from('{"kid":"k1","alg":"RS256","typ":"at+jwt"}').toString("base64url");
    expect(keys.keyForHeader(reordered)).toBeUndefined();
  });

  it("forgets its headers once the key set is older than the cache window", async () => {
    const keys = resolver();
    const token = idp.sign(validClaims(), { kid: "k1" });
    await keys(...resolverInput(token));

    clock.nowMs += 60_000;

    expect(keys.keyForHeader(headerOf(token))).toBeUndefined();
  });

  it("forgets them when a new key set arrives, so a withdrawn key is not served", async () => {
    // Prepare: k1 resolved, then withdrawn from the JWKS
    const keys = resolver();
    const k1 = idp.sign(validClaims(), { kid: "k1" });
    await keys(...resolverInput(k1));
    idp.withdrawn.add("k1");

    // Act: the set is refreshed (cache window passed) through a k2 token
    clock.nowMs += 60_000;
    await keys(...resolverInput(idp.sign(validClaims(), { kid: "k2" })));

    // Assess
    expect(idp.fetches).toBe(2);
    expect(keys.keyForHeader(headerOf(k1))).toBeUndefined();
    await expect(keys(...resolverInput(k1))).rejects.toMatchObject({ reason: "unknown_kid" });
  });

  it("keeps a bounded number of headers: anyone can send headers, and they arrive before the signature check", async () => {
    const keys = resolver();
    const first = idp.sign(validClaims(), { kid: "k1", header: { x: 0 } });
    await keys(...resolverInput(first));

    for (let index = 1; index <= 40; index++) {
      await keys(...resolverInput(idp.sign(validClaims(), { kid: "k1", header: { x: index } })));
    }

    expect(keys.keyForHeader(headerOf(first))).toBeUndefined();
    const last = idp.sign(validClaims(), { kid: "k1", header: { x: 40 } });
    expect(keys.keyForHeader(headerOf(last))).toBeDefined();
  });
});
