import { generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** The frozen "now" of authorizer tests: 2026-11-26T09:00:00Z. */
export const testNowMs = Date.parse("2026-11-26T09:00:00Z");
export const testIssuer = "https://idp.test.silo.example";
export const testAudience = "silo-api";

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

/** How many distinct key pairs of each size a worker generates; calls cycle through them. */
const keyPoolSize = 4;
const keyPools = new Map<number, Array<Omit<SigningKey, "kid">>>();
let keyCalls = 0;

/**
 * An RSA signing key named `kid`; `bits` below 2048 makes a deliberately weak one. Any `keyPoolSize`
 * consecutive calls get distinct key material (a rotation's new key, an attacker's key under a known kid),
 * but the pairs are generated once per worker and reused after that: generating a 2048-bit pair costs
 * 0.1-0.5 s of CPU, and the suites ask for dozens.
 */
export function rsaKey(kid: string, bits = 2048): SigningKey {
  const pool = keyPools.get(bits) ?? [];
  keyPools.set(bits, pool);
  const slot = keyCalls++ % keyPoolSize;
  let pair = pool[slot];
  if (pair === undefined) {
    pair = generateKeyPairSync("rsa", { modulusLength: bits });
    pool[slot] = pair;
  }
  return { kid, ...pair };
}

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64url");

/** Signs raw header and payload JSON text with RS256, so tests can forge any byte-level shape. */
export function signRaw(headerJson: string, payloadJson: string, key: KeyObject): string {
  const signingInput = `${b64(headerJson)}.${b64(payloadJson)}`;
  return `${signingInput}.${sign("sha256", Buffer.from(signingInput), key).toString("base64url")}`;
}

/** The claims of a valid token for `tenantId` at {@link testNowMs}. */
export function validClaims(tenantId = "acme-health"): Record<string, unknown> {
  const iat = Math.floor(testNowMs / 1000) - 60;
  return {
    iss: testIssuer,
    aud: testAudience,
    sub: "user-123",
    tenant_id: tenantId,
    scope: "chat:write models:read conversations:read",
    iat,
    exp: iat + 900,
    jti: "tok-0001",
  };
}

export type JwksMode = "ok" | "fail" | "garbage";

/**
 * A real identity provider's JWKS endpoint on 127.0.0.1: serves the public keys added to it, counts
 * fetches, and can be switched to fail (HTTP 500) or to answer garbage, to test rotation and outages.
 */
export class TestIdentityProvider {
  readonly keys = new Map<string, SigningKey>();
  /** Keys that still sign but are no longer published in the JWKS (a rotated-out or compromised key). */
  readonly withdrawn = new Set<string>();
  mode: JwksMode = "ok";
  fetches = 0;
  /** What `/.well-known/openid-configuration` answers; by default this server as issuer, its JWKS. */
  discovery: Record<string, unknown> | undefined;
  #server: Server | undefined;
  #url = "";

  static async start(...keys: SigningKey[]): Promise<TestIdentityProvider> {
    const idp = new TestIdentityProvider();
    for (const key of keys) idp.keys.set(key.kid, key);
    await idp.#listen();
    return idp;
  }

  get jwksUrl(): string {
    return this.#url;
  }

  /** This server's base URL, the issuer its discovery document names. */
  get baseUrl(): string {
    return new URL(this.#url).origin;
  }

  /** A token signed by `kid` with the given claims and extra header parameters. */
  sign(
    claims: Record<string, unknown>,
    options: { kid?: string; header?: Record<string, unknown> } = {},
  ): string {
    const kid = options.kid ?? [...this.keys.keys()][0] ?? "missing";
    const key = this.keys.get(kid);
    if (!key) throw new Error(`test IdP has no key ${kid}`);
    const header = { alg: "RS256", typ: "at+jwt", kid, ...options.header };
    return signRaw(JSON.stringify(header), JSON.stringify(claims), key.privateKey);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }

  async #listen(): Promise<void> {
    this.#server = createServer((request, response) => {
      if (request.url?.endsWith("/.well-known/openid-configuration")) {
        const document = this.discovery ?? { issuer: this.baseUrl, jwks_uri: this.jwksUrl };
        response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(document));
        return;
      }
      this.fetches++;
      if (this.mode === "fail") {
        response.writeHead(500).end("upstream down");
        return;
      }
      if (this.mode === "garbage") {
        response.writeHead(200, { "content-type": "application/json" }).end("{not json");
        return;
      }
      const published = [...this.keys.values()].filter((key) => !this.withdrawn.has(key.kid));
      const keys = published.map((key) => ({
        ...key.publicKey.export({ format: "jwk" }),
        kid: key.kid,
        alg: "RS256",
        use: "sig",
      }));
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, "127.0.0.1", resolve));
    const { port } = this.#server.address() as AddressInfo;
    this.#url = `http://127.0.0.1:${port}/.well-known/jwks.json`;
  }
}
