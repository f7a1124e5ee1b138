import type { Command } from "commander";
import { isTenantId, tenantIdRule } from "../../../tenants/tenantId.ts";
import { isScope, scopes } from "../../api/scopes.ts";
import { SiloError } from "../../core/errors/siloError.ts";
import { defaultDataDir } from "../../local/defaultDataDir.ts";
import { openDevIdentityProvider, parseTtl } from "../../local/devIdentityProvider.ts";
import type { CliContext } from "../cliContext.ts";

interface TokenOptions {
  tenant: string;
  scope?: string;
  ttl: string;
  sub: string;
  port: string;
  dataDir: string;
}

/** `silo token --tenant ID [--scope "..."] [--ttl 15m]`: a token from the local platform's dev IdP. */
export function registerToken(program: Command, context: CliContext): void {
  program
    .command("token")
    .description("print an access token for the local platform's dev identity provider")
    .requiredOption("--tenant <id>", "the tenant the token is for (tenant_id claim)")
    .option("--scope <scopes>", `space-separated scopes (default: all: ${Object.keys(scopes).join(" ")})`)
    .option("--ttl <duration>", "lifetime, e.g. 900, 15m, 1h", "15m")
    .option("--sub <subject>", "the token's subject", "local-user")
    .option(
      "--port <port>",
      "the local platform's port (the issuer includes it)",
      process.env.SILO_PORT ?? "8080",
    )
    .option("--data-dir <dir>", "the local platform's data directory (SILO_DATA_DIR)", defaultDataDir())
    .action(async (options: TokenOptions) => {
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
    });
}
