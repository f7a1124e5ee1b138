import { access } from "node:fs/promises";
import { isTenantId, tenantIdRule } from "../../../tenants/tenantId.ts";
import { isScope, scopes } from "../../api/scopes.ts";
import { SiloError } from "../../core/errors/siloError.ts";
import { devSigningKeyFile, openDevIdentityProvider, parseTtl } from "../../local/devIdentityProvider.ts";
import type { CliContext } from "../cliContext.ts";

/** The options of `silo token`, as parsed. */
export interface TokenOptions {
  tenant: string;
  scope?: string;
  ttl: string;
  sub: string;
  port: string;
  dataDir: string;
  /** Create a signing key in `dataDir` when it has none, instead of refusing. */
  createKey: boolean;
}

/** The action of `silo token` (runtime/cli/commands/token.ts): mints a token with the local dev IdP's key. */
export async function runToken(options: TokenOptions, context: CliContext): Promise<void> {
  if (!isTenantId(options.tenant)) {
    throw new SiloError(
      "TENANT_ID_INVALID",
      `"${options.tenant}" is not a valid tenant id: use ${tenantIdRule}`,
    );
  }
  const requested = options.scope?.split(" ").filter(Boolean);
  const unknown = requested?.filter((scope) => !isScope(scope)) ?? [];
  if (unknown.length > 0) {
    throw new SiloError(
      "SCOPE_UNKNOWN",
      `unknown scope(s) ${unknown.join(", ")}; known scopes: ${Object.keys(scopes).join(", ")}`,
    );
  }
  const keyFile = devSigningKeyFile(options.dataDir);
  if (!options.createKey && !(await exists(keyFile))) {
    throw new SiloError(
      "SIGNING_KEY_MISSING",
      `no dev signing key at ${keyFile}, so ${options.dataDir} is not the data directory of a local platform ` +
        "that has started, and a token signed with a new key would be refused: pass the running platform's " +
        "--data-dir (or SILO_DATA_DIR), start it first (npm start), or pass --create-key to create a key there",
    );
  }
  const idp = await openDevIdentityProvider({
    dataDir: options.dataDir,
    issuer: `http://127.0.0.1:${options.port}/_idp`,
  });
  const token = await idp.mintToken({
    tenantId: options.tenant,
    ttlSeconds: parseTtl(options.ttl),
    subject: options.sub,
    ...(requested ? { scopes: requested } : {}),
  });
  context.out(`${token}\n`);
}

async function exists(file: string): Promise<boolean> {
  return await access(file).then(
    () => true,
    () => false,
  );
}
