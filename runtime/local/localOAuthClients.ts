import { randomBytes } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { SiloError } from "../core/errors/siloError.ts";
import { replaceFile } from "./replaceFile.ts";

/** A tenant's OAuth clients at the local OpenID Provider, as `<data dir>/idp/clients.json` holds them. */
export interface LocalTenantClients {
  /** The tenant app: a confidential client using the client credentials grant. */
  readonly app: { readonly clientId: string; readonly clientSecret: string };
  /** The tenant's browser app: a public client using authorization code with PKCE (S256). */
  readonly web: { readonly clientId: string; readonly redirectUris: readonly string[] };
}

/** Every tenant's clients, by tenant id. */
export type LocalOAuthClients = Readonly<Record<string, LocalTenantClients>>;

/**
 * Where a browser app may be sent back to: the loopback addresses of RFC 8252 section 7.3, where the
 * provider accepts any port, so a dev server on whatever port it got can sign in.
 */
export const localWebRedirectUris: readonly string[] = [
  "http://127.0.0.1/callback",
  "http://localhost/callback",
];

/** `<data dir>/idp/clients.json` (mode 0600): the local OpenID Provider's clients and their secrets. */
export function localOAuthClientsFile(dataDir: string): string {
  return join(dataDir, "idp", "clients.json");
}

/**
 * The OAuth clients of the local OpenID Provider, one confidential `<tenant>-app` and one public
 * `<tenant>-web` per tenant. Secrets are generated once per data directory and kept in
 * {@link localOAuthClientsFile}, so an app configured with one keeps working across restarts; a tenant
 * added since gets its clients on the next start, and the file is only rewritten then.
 *
 * @example
 * const { file, clients } = await ensureLocalOAuthClients(dataDir, ["acme-health"]);
 * clients["acme-health"]?.app.clientSecret;
 */
export async function ensureLocalOAuthClients(
  dataDir: string,
  tenantIds: readonly string[],
): Promise<{ file: string; clients: LocalOAuthClients }> {
  const file = localOAuthClientsFile(dataDir);
  const text = await readFile(file, "utf8").catch(() => undefined);
  let saved: Record<string, LocalTenantClients> = {};
  if (text !== undefined) {
    try {
      saved = JSON.parse(text) as Record<string, LocalTenantClients>;
    } catch (cause) {
      throw new SiloError(
        "LOCAL_OAUTH_CLIENTS_INVALID",
        `${file} is not JSON (${(cause as Error).message}); delete it and start again to get new clients`,
        { cause },
      );
    }
  }
  const clients = { ...saved };
  for (const tenantId of tenantIds) {
    if (isTenantClients(clients[tenantId])) continue;
    clients[tenantId] = newTenantClients(tenantId);
  }
  if (tenantIds.some((tenantId) => saved[tenantId] !== clients[tenantId])) {
    await mkdir(join(dataDir, "idp"), { recursive: true, mode: 0o700 });
    await replaceFile(file, `${JSON.stringify(clients, null, 2)}\n`, 0o600);
  }
  return { file, clients };
}

/** True for a saved entry with both clients complete; anything else is generated again. */
function isTenantClients(value: unknown): value is LocalTenantClients {
  const entry = value as Partial<LocalTenantClients> | undefined;
  return (
    typeof entry?.app?.clientId === "string" &&
    typeof entry.app.clientSecret === "string" &&
    entry.app.clientSecret.length > 0 &&
    typeof entry.web?.clientId === "string" &&
    Array.isArray(entry.web.redirectUris)
  );
}

/** A tenant's two clients, with a new 256-bit secret for the app. */
export function newTenantClients(tenantId: string): LocalTenantClients {
  return {
    app: { clientId: `${tenantId}-app`, clientSecret: randomBytes(32).toString("base64url") },
    web: { clientId: `${tenantId}-web`, redirectUris: localWebRedirectUris },
  };
}
