import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from "jose";
import { scopes as allScopes } from "../api/scopes.ts";
import { SiloError } from "../core/errors/siloError.ts";

/** The audience the local platform's tokens carry and its authorizer expects. */
export const localAudience = "silo-local";

/** `<data dir>/idp/signing-key.jwk.json` (mode 0600): the local platform's token signing key, a private JWK. */
export function devSigningKeyFile(dataDir: string): string {
  return join(dataDir, "idp", "signing-key.jwk.json");
}

/** A token request. */
export interface MintTokenArgs {
  readonly tenantId: string;
  /** @default every scope */
  readonly scopes?: readonly string[];
  /** Lifetime in seconds. @default 900 */
  readonly ttlSeconds?: number;
  /** @default "local-user" */
  readonly subject?: string;
}

/** What the JWKS endpoint answers: the key set, or 503 while an outage is simulated. */
export interface JwksAnswer {
  readonly status: 200 | 503;
  readonly body: unknown;
}

/**
 * The local platform's identity provider: an RS256 key pair generated once and kept as a private JWK at
 * `<data dir>/idp/signing-key.jwk.json` (so tokens survive restarts), a JWKS of its public half, and tokens
 * shaped like a real IdP's access tokens (RFC 9068: `typ: at+jwt`, `iss`, `aud`, `sub`, `exp`, `iat`,
 * `jti`, plus `tenant_id` and `scope`). For local use only: anyone with the data directory can mint tokens.
 *
 * It also has the controls of a key-rotation or outage drill, as a real IdP would go through them:
 * `rotateSigningKey` (a new key signs from now on and is published next to the old ones, and is written to
 * the key file so `silo token` follows it), `withdrawKey` (a key leaves the JWKS; tokens it signed stop
 * verifying once the authorizer's JWKS cache expires), `setJwksOutage` (the JWKS endpoint answers 503) and
 * `jwksFetches` (how many times the endpoint was asked, to show there is no refetch storm). Published and
 * withdrawn keys other than the signing key are kept in memory only: a restart publishes the key file's key.
 *
 * The platform's OpenID Provider (see localOpenIdProvider.ts) signs with {@link signingKey} too, and its
 * discovery points at this provider's JWKS, so the drills above apply to its tokens as well.
 *
 * @example
 * const idp = await openDevIdentityProvider({ dataDir, issuer: "http://127.0.0.1:8080/_idp" });
 * const token = await idp.mintToken({ tenantId: "acme-health", scopes: ["chat:write"] });
 */
export async function openDevIdentityProvider(args: { dataDir: string; issuer: string }) {
  const keyFile = devSigningKeyFile(args.dataDir);
  const saved = await readFile(keyFile, "utf8").then(
    (text) => JSON.parse(text) as JWK,
    () => undefined,
  );
  let signing = await signingKeyOf(saved ?? (await newPrivateJwk()));
  if (saved === undefined) await saveSigningKey(keyFile, signing.privateJwk);
  /** Every key this provider ever signed with, by kid, so a withdrawn key's tokens can still be minted. */
  const keys = new Map([[signing.kid, signing]]);
  const published = new Set([signing.kid]);
  let outage = false;
  let fetches = 0;
  const publishedJwks = () => ({
    keys: [...published].flatMap((kid) => keys.get(kid)?.publicJwk ?? []),
  });

  return {
    issuer: args.issuer,
    audience: localAudience,
    keyFile,
    /** The published key set (public halves only). */
    get jwks(): { keys: JWK[] } {
      return publishedJwks();
    },
    /** The `kid` new tokens are signed with. */
    get signingKid(): string {
      return signing.kid;
    },
    /**
     * The current signing key with its private half, for the platform's OpenID Provider, which signs its
     * access tokens with the same key (the key file holds it anyway).
     */
    signingKey(): { readonly kid: string; readonly privateJwk: JWK } {
      return { kid: signing.kid, privateJwk: signing.privateJwk };
    },
    /** What the JWKS endpoint answers now; each call counts as one fetch. */
    serveJwks(): JwksAnswer {
      fetches++;
      return outage
        ? { status: 503, body: { message: "Service Unavailable" } }
        : { status: 200, body: publishedJwks() };
    },
    /** Requests the JWKS endpoint has had since start, answered or not. */
    jwksFetches: () => fetches,
    /** While `down`, the JWKS endpoint answers 503, as an identity provider outage. */
    setJwksOutage(down: boolean): void {
      outage = down;
    },
    /** Generates a new key, publishes it next to the current ones and signs with it from now on. */
    async rotateSigningKey(): Promise<string> {
      signing = await signingKeyOf(await newPrivateJwk());
      keys.set(signing.kid, signing);
      published.add(signing.kid);
      await saveSigningKey(keyFile, signing.privateJwk);
      return signing.kid;
    },
    /** Takes a key out of the JWKS; the signing key cannot be withdrawn (rotate first). */
    withdrawKey(kid: string): void {
      if (kid === signing.kid) {
        throw new SiloError(
          "SIGNING_KEY_IN_USE",
          `key ${kid} signs new tokens and cannot be withdrawn: rotateSigningKey() first`,
        );
      }
      published.delete(kid);
    },
    /** Mints a token; `kid` signs with an earlier key (even a withdrawn one), to test its refusal. */
    async mintToken(mint: MintTokenArgs & { readonly kid?: string }): Promise<string> {
      const ttl = mint.ttlSeconds ?? 900;
      if (!Number.isInteger(ttl) || ttl < 1 || ttl > 86_400) {
        throw new SiloError(
          "TOKEN_TTL_INVALID",
          `ttl ${ttl} s is out of range; use 1 s to 24 h (e.g. --ttl 15m)`,
        );
      }
      const signer = mint.kid === undefined ? signing : keys.get(mint.kid);
      if (signer === undefined) {
        throw new SiloError("SIGNING_KEY_UNKNOWN", `this provider never had a key ${mint.kid}`);
      }
      return await new SignJWT({
        tenant_id: mint.tenantId,
        scope: (mint.scopes ?? Object.keys(allScopes)).join(" "),
      })
        .setProtectedHeader({ alg: "RS256", typ: "at+jwt", kid: signer.kid })
        .setIssuer(args.issuer)
        .setAudience(localAudience)
        .setSubject(mint.subject ?? "local-user")
        .setIssuedAt()
        .setExpirationTime(`${ttl}s`)
        .setJti(crypto.randomUUID())
        .sign(signer.key);
    },
  };
}

interface SigningKey {
  readonly kid: string;
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
  readonly key: Awaited<ReturnType<typeof importJWK>>;
}

async function newPrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  return {
    ...(await exportJWK(privateKey)),
    kid: `local-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`,
    alg: "RS256",
    use: "sig",
  };
}

async function signingKeyOf(privateJwk: JWK): Promise<SigningKey> {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  return {
    kid: privateJwk.kid ?? "local",
    privateJwk,
    publicJwk,
    key: await importJWK(privateJwk, "RS256"),
  };
}

async function saveSigningKey(keyFile: string, privateJwk: JWK): Promise<void> {
  await mkdir(dirname(keyFile), { recursive: true, mode: 0o700 });
  await writeFile(keyFile, JSON.stringify(privateJwk, null, 2), { mode: 0o600 });
}

/** Parses a duration like `15m`, `900s`, `2h` or `900` (seconds) into seconds. */
export function parseTtl(text: string): number {
  const match = /^(\d+)\s*(s|m|h)?$/.exec(text.trim());
  if (!match)
    throw new SiloError("TOKEN_TTL_INVALID", `"${text}" is not a duration; use e.g. 900, 900s, 15m or 1h`);
  const unit = match[2] === "h" ? 3600 : match[2] === "m" ? 60 : 1;
  return Number(match[1]) * unit;
}
