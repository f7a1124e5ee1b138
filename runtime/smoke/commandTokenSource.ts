import { exec } from "node:child_process";
import { decodeJwt } from "jose";
import { isTenantId } from "../../tenants/tenantId.ts";
import { isScope, type Scope } from "../api/scopes.ts";
import { SmokeTokenError } from "./smokeErrors.ts";
import type { TokenSource } from "./tokenSource.ts";

/** What {@link commandTokenSource} runs. */
export interface CommandTokenSourceArgs {
  /**
   * A shell command that prints one access token on stdout. `{tenant}` is replaced by the tenant id and
   * `{scopes}` by the space-separated scopes (quote it: `--scope "{scopes}"`); both are also in the
   * command's environment as `SILO_SMOKE_TENANT` and `SILO_SMOKE_SCOPES`.
   */
  readonly command: string;
  /** How long one run of the command may take. */
  readonly timeoutMs: number;
  /** A token the IdP issued earlier that has since expired, for the expired-token check. */
  readonly expiredToken?: string;
}

const jwtShape = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Tokens from a shell command, for a deployed stack whose tokens come from the real IdP (e.g. a Cognito or
 * Auth0 client-credentials call). The command runs once per tenant and scope set; its answers are reused.
 * Tenant ids and scopes are checked against their patterns before they reach the shell, so they cannot
 * inject anything.
 *
 * @example
 * const tokens = commandTokenSource({ command: "runtime/smoke/get-token.sh {tenant} '{scopes}'", timeoutMs: 30_000 });
 * const token = await tokens.token("globex", ["models:read"]);
 */
export function commandTokenSource(args: CommandTokenSourceArgs): TokenSource {
  const cache = new Map<string, Promise<string>>();
  return {
    // The command is never echoed (here or in errors): it may hold a client secret.
    description: "the --token-command",
    token(tenantId, scopes) {
      const key = `${tenantId} ${scopes.join(" ")}`;
      let token = cache.get(key);
      if (token === undefined) {
        token = runTokenCommand(args, tenantId, scopes);
        cache.set(key, token);
        // A failure is not cached: the next check asks again and reports its own error.
        token.catch(() => cache.delete(key));
      }
      return token;
    },
    async expiredToken(tenantId) {
      if (args.expiredToken === undefined) {
        return {
          unavailable:
            "a token command cannot mint an expired token; pass --expired-token (or SILO_SMOKE_EXPIRED_TOKEN) with one the IdP issued earlier",
        };
      }
      const tokenTenant = tenantOf(args.expiredToken);
      if (tokenTenant !== undefined && tokenTenant !== tenantId) {
        return { unavailable: `the --expired-token is for tenant ${tokenTenant}` };
      }
      return { token: args.expiredToken };
    },
  };
}

async function runTokenCommand(
  args: CommandTokenSourceArgs,
  tenantId: string,
  scopes: readonly Scope[],
): Promise<string> {
  if (!isTenantId(tenantId))
    throw new SmokeTokenError(`"${tenantId}" is not a tenant id; not passed to the shell`);
  const invalid = scopes.filter((scope) => !isScope(scope));
  if (invalid.length > 0)
    throw new SmokeTokenError(`unknown scope(s) ${invalid.join(", ")}; not passed to the shell`);
  const scopeList = scopes.join(" ");
  const command = args.command.replaceAll("{tenant}", tenantId).replaceAll("{scopes}", scopeList);
  const stdout = await new Promise<string>((resolve, reject) => {
    exec(
      command,
      {
        timeout: args.timeoutMs,
        maxBuffer: 1024 * 1024,
        env: { ...process.env, SILO_SMOKE_TENANT: tenantId, SILO_SMOKE_SCOPES: scopeList },
      },
      (error, out, err) => {
        if (error) {
          const why = error.killed ? `timed out after ${args.timeoutMs} ms` : `exited with ${error.code}`;
          const stderr = telltaleLine(String(err));
          reject(
            new SmokeTokenError(`the token command for ${tenantId} ${why}${stderr ? `: ${stderr}` : ""}`, {
              cause: error,
            }),
          );
        } else {
          resolve(String(out));
        }
      },
    );
  });
  const token = stdout.trim().replace(/^Bearer\s+/i, "");
  if (!jwtShape.test(token)) {
    throw new SmokeTokenError(
      // The output is not echoed: it may be a secret in some other shape.
      `the token command for ${tenantId} printed ${token === "" ? "nothing" : `${token.length} characters that are not a JWT`}; ` +
        `it must print only the access token`,
    );
  }
  return token;
}

/** The stderr line that says most: the last one naming an error (a crash ends with "Node.js v20"), else the last. */
function telltaleLine(stderr: string): string {
  const lines = stderr
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.findLast((line) => /error/i.test(line)) ?? lines.at(-1) ?? "";
}

/** The `tenant_id` claim of a token, when it has a readable one. */
function tenantOf(token: string): string | undefined {
  try {
    const claim = decodeJwt(token).tenant_id;
    return typeof claim === "string" ? claim : undefined;
  } catch {
    return undefined;
  }
}
