import type { APIGatewayRequestAuthorizerEvent } from "aws-lambda";
import type { RestAuthorizerResult } from "../../../../runtime/authorizer/createAuthorizer.ts";
import { methodPolicy } from "../../../../runtime/authorizer/restAnswer.ts";
import { loadTenant } from "../../../../runtime/core/tenants/loadTenants.ts";
import { startGateway } from "../../../../runtime/local/gateway.ts";
import type { TenantProcess } from "../../../../runtime/local/tenantProcess.ts";
import type { TenantConfig } from "../../../../tenants/schema.ts";

/** An authorizer answer that allows the invoked method of tenant globex's API (as the real one does). */
export function allowGlobex(event: APIGatewayRequestAuthorizerEvent): RestAuthorizerResult {
  return methodPolicy("user-1", "Allow", event.methodArn, {
    tenantId: "globex",
    sub: "user-1",
    scopes: "models:read usage:read chat:write",
    tokenId: "t",
  });
}

/** An authorizer answer that denies the invoked method. */
export function denyGlobex(event: APIGatewayRequestAuthorizerEvent): RestAuthorizerResult {
  return methodPolicy("user-1", "Deny", event.methodArn);
}

/** What {@link gatewayFor} puts in front of tenant globex. */
export interface GatewayHarnessArgs {
  /** Globex's "process": a fake with `invoke`, or a real {@link TenantProcess}. */
  readonly process: Pick<TenantProcess, "invoke">;
  /** Changes to globex's tenant file (cors, limits). */
  readonly config?: (config: TenantConfig) => TenantConfig;
  /** @default allows every request */
  readonly authorize?: (event: APIGatewayRequestAuthorizerEvent) => Promise<RestAuthorizerResult>;
  /** @default 29000 */
  readonly integrationTimeoutMs?: number;
  /** @default 60 */
  readonly authorizerCacheTtlSeconds?: number;
}

/**
 * A gateway on 127.0.0.1 in front of tenant globex, recording the authorizer's calls (tenant, route key,
 * Authorization) and every log line. Close it with `close`.
 */
export async function gatewayFor(args: GatewayHarnessArgs) {
  const loaded = await loadTenant("globex");
  const config = args.config ? args.config(loaded) : loaded;
  const authorizerCalls: string[] = [];
  const logs: Record<string, unknown>[] = [];
  const gateway = await startGateway({
    port: 0,
    tenants: new Map([["globex", { config, process: args.process }]]),
    authorize: async (event) => {
      authorizerCalls.push(
        `${event.stageVariables?.tenantId} ${event.httpMethod} ${event.resource} ${event.headers?.authorization}`,
      );
      return (args.authorize ?? (async (received) => allowGlobex(received)))(event);
    },
    authorizerCacheTtlSeconds: args.authorizerCacheTtlSeconds ?? 60,
    integrationTimeoutMs: args.integrationTimeoutMs,
    jwks: () => ({ status: 200, body: { keys: [] } }),
    isReady: () => true,
    log: (entry) => logs.push(entry),
  });
  return {
    url: gateway.url,
    close: gateway.close,
    authorizerCalls,
    logs,
    /** The access-log lines written so far. */
    accessLines: () => logs.filter((entry) => entry.msg === "access"),
  };
}

/** Resolves once `predicate` holds, polling; fails after `timeoutMs`, naming what it waited for. */
export async function eventually(
  predicate: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
