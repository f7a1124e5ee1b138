import { access, readFile } from "node:fs/promises";
import { importJWK, type JWK, SignJWT } from "jose";
import type { Scope } from "../api/scopes.ts";
import { devSigningKeyFile, localAudience, openDevIdentityProvider } from "../local/devIdentityProvider.ts";
import { SmokeTokenError } from "./smokeErrors.ts";
import type { TokenSource } from "./tokenSource.ts";

/** How long ago the local expired token stopped being valid: well past the authorizer's clock tolerance. */
const expiredSinceSeconds = 600;

/** The `sub` of the suite's tokens, so its calls stand out in the audit log. */
const subject = "silo-smoke";

/**
 * Tokens from the local platform's dev identity provider: signed with the key in `<dataDir>/idp`, for the
 * issuer `http://127.0.0.1:<port>/_idp` the platform's authorizer expects. It never creates a key: a
 * missing one means the data directory is not the platform's, and every token would be refused.
 *
 * @example
 * const tokens = await localTokenSource({ dataDir: defaultDataDir(), port: 8080 });
 * const token = await tokens.token("globex", ["models:read"]);
 */
export async function localTokenSource(args: { dataDir: string; port: number }): Promise<TokenSource> {
  const keyFile = devSigningKeyFile(args.dataDir);
  await access(keyFile).catch((error: unknown) => {
    throw new SmokeTokenError(
      `no dev signing key at ${keyFile}: --data-dir (or SILO_DATA_DIR) must be the data directory of the ` +
        "running local platform; for a deployed stack pass --token-command",
      { cause: error },
    );
  });
  const issuer = `http://127.0.0.1:${args.port}/_idp`;
  const idp = await openDevIdentityProvider({ dataDir: args.dataDir, issuer });
  const signingJwk = JSON.parse(await readFile(keyFile, "utf8")) as JWK;
  const signingKey = await importJWK(signingJwk, "RS256");
  return {
    description: `local dev IdP (key in ${args.dataDir}, issuer ${issuer})`,
    token: (tenantId: string, scopes: readonly Scope[]) => idp.mintToken({ tenantId, scopes, subject }),
    async expiredToken(tenantId) {
      // mintToken refuses a lifetime below 1 s, so an already-expired token is signed here, with the same
      // claims as a real one, instead of minting a 1 s token and sleeping past the clock tolerance.
      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({ tenant_id: tenantId, scope: "models:read" })
        .setProtectedHeader({ alg: "RS256", typ: "at+jwt", kid: signingJwk.kid ?? "local" })
        .setIssuer(issuer)
        .setAudience(localAudience)
        .setSubject(subject)
        .setIssuedAt(now - 2 * expiredSinceSeconds)
        .setExpirationTime(now - expiredSinceSeconds)
        .setJti(crypto.randomUUID())
        .sign(signingKey);
      return { token };
    },
  };
}
