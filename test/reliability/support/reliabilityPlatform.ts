import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { parse, stringify } from "yaml";
import { defaultTenantsDir } from "../../../runtime/core/tenants/defaultTenantsDir.ts";
import { localLedgerDatabase } from "../../../runtime/local/provisionLocalDatabases.ts";
import { type LocalPlatformOptions, startLocalPlatform } from "../../../runtime/local/startLocalPlatform.ts";

export type LocalPlatform = Awaited<ReturnType<typeof startLocalPlatform>>;

/** A started local platform in its own temporary data directory, with a superuser client on the ledger. */
export interface ReliabilityPlatform {
  readonly platform: LocalPlatform;
  readonly ledger: pg.Client;
  /** Stops the platform and deletes its data directory (and tenants directory, when one was written). */
  readonly close: () => Promise<void>;
}

/** Per-tenant overrides of the repository's tenant files' `limits`. */
export type LimitOverrides = Readonly<Record<string, Readonly<Record<string, number>>>>;

/**
 * Starts the real local platform (embedded Postgres, dev IdP, gateway with the real authorizer, one process
 * per tenant) for a reliability test, quietly. `limits` rewrites the repository's tenant files into a
 * temporary tenants directory first, e.g. to give one tenant a low request rate.
 */
export async function startReliabilityPlatform(
  name: string,
  options: LocalPlatformOptions & { readonly limits?: LimitOverrides } = {},
): Promise<ReliabilityPlatform> {
  const dataDir = await mkdtemp(join(tmpdir(), `silo-${name}-`));
  const { limits, ...platformOptions } = options;
  const tenantsDir = limits ? await tenantsWithLimits(limits) : undefined;
  const platform = await startLocalPlatform({
    dataDir,
    port: 0,
    log: () => {},
    ...(tenantsDir ? { tenantsDir } : {}),
    ...platformOptions,
  });
  const ledger = new pg.Client(platform.postgres.url(localLedgerDatabase));
  await ledger.connect();
  return {
    platform,
    ledger,
    async close() {
      await ledger.end().catch(() => undefined);
      await platform.stop();
      await rm(dataDir, { recursive: true, force: true });
      if (tenantsDir) await rm(tenantsDir, { recursive: true, force: true });
    },
  };
}

async function tenantsWithLimits(limits: LimitOverrides): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "silo-tenants-"));
  await cp(defaultTenantsDir(), dir, { recursive: true });
  for (const [tenantId, overrides] of Object.entries(limits)) {
    const file = join(dir, `${tenantId}.yaml`);
    const tenant = parse(await readFile(file, "utf8")) as { limits: Record<string, number> };
    tenant.limits = { ...tenant.limits, ...overrides };
    await writeFile(file, stringify(tenant));
  }
  return dir;
}

/** Settled ledger rows of a tenant. */
export async function settledRows(ledger: pg.Client, tenantId: string): Promise<number> {
  const { rows } = await ledger.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM usage_events WHERE tenant_id = $1 AND status = 'settled'",
    [tenantId],
  );
  return rows[0]?.n ?? 0;
}

/** Polls `condition` every 50 ms until it holds; a rejection counts as "not yet". */
export async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}

/** The `fraction` quantile (nearest rank) of `values`. */
export function quantile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

/** A tenant API caller with a token for every scope. */
export function tenantClient(platform: LocalPlatform, tenantId: string, token: string) {
  return (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${platform.url}/${tenantId}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}
