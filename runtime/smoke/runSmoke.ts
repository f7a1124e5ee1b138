import { loadTenantsOrThrow } from "../core/tenants/loadTenants.ts";
import { runAdminChecks } from "./checks/adminChecks.ts";
import { runAuthChecks } from "./checks/authChecks.ts";
import { runChatChecks } from "./checks/chatChecks.ts";
import { runCrossTenantChecks } from "./checks/crossTenantChecks.ts";
import { runDataChecks } from "./checks/dataChecks.ts";
import { runProblemChecks } from "./checks/problemChecks.ts";
import { createSmokeClient, type SmokeClient } from "./smokeClient.ts";
import { newTenantState, type SmokeContext } from "./smokeContext.ts";
import { SmokeUnreachableError } from "./smokeErrors.ts";
import { type CheckResult, fail, type SmokeReport, summarizeChecks } from "./smokeReport.ts";
import type { TokenSource } from "./tokenSource.ts";

/** Options of {@link runSmoke}. */
export interface SmokeOptions {
  /** Base URL of the platform: tenant APIs are at `<url>/<tenantId>/v1/...`. */
  readonly url: string;
  readonly tokens: TokenSource;
  /** @default every tenant in the repository's tenants/ */
  readonly tenantIds?: readonly string[];
  /** Per HTTP request. @default 30000 */
  readonly timeoutMs?: number;
  /** Called with each check's result as soon as it is known (the CLI prints it on stderr). */
  readonly onCheck?: (result: CheckResult) => void;
}

/**
 * The conformance suite of a running platform, the local one or a deployed stack: per tenant, positive
 * calls of each handler group (data, chat, admin), the ledger entry of the model call, the edge's denials
 * (no token, expired, missing scope, malformed, tampered) and problem+json errors; then cross-tenant
 * denials for every ordered pair of tenants. Checks never throw; only a platform that does not answer at
 * all does ({@link SmokeUnreachableError}).
 *
 * @example
 * const report = await runSmoke({ url: "http://127.0.0.1:8080", tokens: await localTokenSource({ dataDir, port: 8080 }) });
 * process.exitCode = report.failed > 0 ? 1 : 0;
 */
export async function runSmoke(options: SmokeOptions): Promise<SmokeReport> {
  const tenantIds = options.tenantIds ?? (await loadTenantsOrThrow()).map((tenant) => tenant.id);
  const client = createSmokeClient({ baseUrl: options.url, timeoutMs: options.timeoutMs ?? 30_000 });
  await assertReachable(client, tenantIds[0] ?? "unknown");

  const results: CheckResult[] = [];
  const smoke: SmokeContext = {
    client,
    tokens: options.tokens,
    async check(name, tenant, run) {
      const outcome = await run().catch((error: unknown) =>
        fail(error instanceof Error ? error.message : String(error)),
      );
      const result: CheckResult = { name, ...(tenant !== undefined ? { tenant } : {}), ...outcome };
      results.push(result);
      options.onCheck?.(result);
      return outcome.status;
    },
  };

  // Tenants one after the other, so the suite's load on each stays small; the client absorbs throttling.
  const tenants = tenantIds.map(newTenantState);
  for (const tenant of tenants) {
    await runDataChecks(smoke, tenant);
    await runChatChecks(smoke, tenant);
    await runAdminChecks(smoke, tenant);
    await runAuthChecks(smoke, tenant);
    await runProblemChecks(smoke, tenant);
  }
  await runCrossTenantChecks(smoke, tenants);
  return summarizeChecks(client.baseUrl, results);
}

/** Fails fast, with one clear error, when nothing answers at the URL, instead of failing every check. */
async function assertReachable(client: SmokeClient, tenantId: string): Promise<void> {
  try {
    await client.send({ tenantId, method: "GET", path: "/v1/health" });
  } catch (error) {
    throw new SmokeUnreachableError(client.baseUrl, (error as Error).cause ?? error);
  }
}
