import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from "jose";
import { scopes as allScopes } from "../api/scopes.ts";
import { SiloError } from "../core/errors/siloError.ts";

/** The audience the local platform's tokens carry and its authorizer expects. */
export const localAudience = "silo-local";

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

/**
 * The local platform's identity provider: an RS256 key pair generated once and kept as a private JWK at
 * `<data dir>/idp/signing-key.jwk.json` (so tokens survive restarts), a JWKS of its public half, and tokens
 * shaped like a real IdP's access tokens (RFC 9068: `typ: at+jwt`, `iss`, `aud`, `sub`, `exp`, `iat`,
 * `jti`, plus `tenant_id` and `scope`). For local use only: anyone with the data directory can mint tokens.
 *
 * @example
 * const idp = await openDevIdentityProvider({ dataDir, issuer: "http://127.0.0.1:8080/_idp" });
 * const token = await idp.mintToken({ tenantId: "acme-health", scopes: ["chat:write"] });
 */
export async function openDevIdentityProvider(args: { dataDir: string; issuer: string }) {
  const keyFile = join(args.dataDir, "idp", "signing-key.jwk.json");
  let privateJwk = await readFile(keyFile, "utf8").then(
    (text) => JSON.parse(text) as JWK,
    () => undefined,
  );
  if (privateJwk === undefined) {
    const { privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
    privateJwk = {
      ...(await exportJWK(privateKey)),
      kid: `local-${Date.now().toString(36)}`,
      alg: "RS256",
      use: "sig",
    };
    await mkdir(dirname(keyFile), { recursive: true, mode: 0o700 });
    await writeFile(keyFile, JSON.stringify(privateJwk, null, 2), { mode: 0o600 });
  }
  const signingJwk = privateJwk;
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = signingJwk;
  const key = await importJWK(signingJwk, "RS256");
  return {
    issuer: args.issuer,
    audience: localAudience,
    keyFile,
    jwks: { keys: [publicJwk] },
    async mintToken(mint: MintTokenArgs): Promise<string> {
      const ttl = mint.ttlSeconds ?? 900;
      if (!Number.isInteger(ttl) || ttl < 1 || ttl > 86_400) {
        throw new SiloError(
          "TOKEN_TTL_INVALID",
          `ttl ${ttl} s is out of range; use 1 s to 24 h (e.g. --ttl 15m)`,
        );
      }
      return await new SignJWT({
        tenant_id: mint.tenantId,
        scope: (mint.scopes ?? Object.keys(allScopes)).join(" "),
      })
        .setProtectedHeader({ alg: "RS256", typ: "at+jwt", kid: signingJwk.kid ?? "local" })
        .setIssuer(args.issuer)
        .setAudience(localAudience)
        .setSubject(mint.subject ?? "local-user")
        .setIssuedAt()
        .setExpirationTime(`${ttl}s`)
        .setJti(crypto.randomUUID())
        .sign(key);
    },
  };
}

/** Parses a duration like `15m`, `900s`, `2h` or `900` (seconds) into seconds. */
export function parseTtl(text: string): number {
  const match = /^(\d+)\s*(s|m|h)?$/.exec(text.trim());
  if (!match)
    throw new SiloError("TOKEN_TTL_INVALID", `"${text}" is not a duration; use e.g. 900, 900s, 15m or 1h`);
  const unit = match[2] === "h" ? 3600 : match[2] === "m" ? 60 : 1;
  return Number(match[1]) * unit;
}
