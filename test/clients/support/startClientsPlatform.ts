import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { stringify } from "yaml";
import { localLedgerDatabase } from "../../../runtime/local/provisionLocalDatabases.ts";
import { startLocalPlatform } from "../../../runtime/local/startLocalPlatform.ts";
import { type OpenAiUpstream, startOpenAiUpstream } from "../../support/openAiUpstream/index.ts";

export type LocalPlatform = Awaited<ReturnType<typeof startLocalPlatform>>;

/** The tenant apps' platform: one start for every client library's tests. */
export interface ClientsPlatform {
  readonly platform: LocalPlatform;
  /** The OpenAI-compatible upstream that `upstream-app`'s models are served by. */
  readonly upstream: OpenAiUpstream;
  /** A superuser client on the ledger database. */
  readonly ledger: pg.Client;
  /** Every structured log line of the platform so far (access log, decisions). */
  readonly logs: readonly Record<string, unknown>[];
  /** The base URL a tenant app gives its client: `<gateway>/<tenantId>/v1`. */
  baseUrl(tenantId: string): string;
  /** A dev identity provider token for the tenant, with every scope. */
  token(tenantId: string): string;
  close(): Promise<void>;
}

const owner = [{ name: "App Team", email: "apps@example.com", role: "owner" }];
const limits = { requestsPerSecond: 100, burst: 200, maxTokensPerRequest: 4096, reservedConcurrency: 10 };

/**
 * The tenants the client tests run against: `echo-app` (bedrock models, served locally by echo standing in
 * for them, and echo's own chat and embedding models), `upstream-app` (openai-compatible models, served by the test upstream) and
 * `spent-app`, whose budget of 0 USD is spent before its first call.
 */
export const clientTenants = {
  "echo-app": {
    models: {
      allowlist: [
        { key: "claude-sonnet", provider: "bedrock", modelId: "us.anthropic.claude-sonnet-4-20250514-v1:0" },
        {
          key: "titan-embed",
          provider: "bedrock",
          modelId: "amazon.titan-embed-text-v2:0",
          type: "embedding",
        },
        // Echo's own models: every option echo honours, where the Bedrock stand-ins refuse what Bedrock does.
        { key: "echo-chat", provider: "echo", modelId: "echo-1" },
        { key: "echo-embed", provider: "echo", modelId: "echo-embed-1", type: "embedding" },
      ],
      defaultModel: "claude-sonnet",
    },
    limits: { ...limits, monthlyBudgetUsd: 1000 },
  },
  "upstream-app": {
    models: {
      allowlist: [
        {
          key: "gpt-4o-mini",
          provider: "openai-compatible",
          modelId: "gpt-4o-mini",
          baseUrl: "https://llm.example.com/v1",
        },
        {
          key: "text-embedding-3-small",
          provider: "openai-compatible",
          modelId: "text-embedding-3-small",
          baseUrl: "https://llm.example.com/v1",
          type: "embedding",
        },
      ],
      defaultModel: "gpt-4o-mini",
    },
    limits: { ...limits, monthlyBudgetUsd: 1000 },
  },
  "spent-app": {
    models: {
      allowlist: [
        { key: "claude-sonnet", provider: "bedrock", modelId: "us.anthropic.claude-sonnet-4-20250514-v1:0" },
      ],
      defaultModel: "claude-sonnet",
    },
    limits: { ...limits, monthlyBudgetUsd: 0 },
  },
} as const;

const upstreamApiKey = "sk-clients-upstream";

/**
 * Starts the test upstream, then the real local platform (embedded Postgres, dev IdP, gateway with the real
 * authorizer, one process per tenant, ledger) over {@link clientTenants}, quietly, in temporary directories.
 */
export async function startClientsPlatform(): Promise<ClientsPlatform> {
  const dataDir = await mkdtemp(join(tmpdir(), "silo-clients-"));
  const tenantsDir = await mkdtemp(join(tmpdir(), "silo-clients-tenants-"));
  for (const [id, tenant] of Object.entries(clientTenants)) {
    const file = { id, displayName: id, tier: "standard", contacts: owner, ...tenant };
    await writeFile(join(tenantsDir, `${id}.yaml`), stringify(file));
  }
  const upstream = await startOpenAiUpstream({ apiKey: upstreamApiKey });
  const logs: Record<string, unknown>[] = [];
  const platform = await startLocalPlatform({
    dataDir,
    tenantsDir,
    port: 0,
    openAiBaseUrl: upstream.url,
    openAiApiKey: upstreamApiKey,
    log: (entry) => logs.push(entry),
  });
  const tokens = new Map<string, string>();
  for (const tenant of platform.tenants)
    tokens.set(tenant.id, await platform.mintToken({ tenantId: tenant.id }));
  const ledger = new pg.Client(platform.postgres.url(localLedgerDatabase));
  await ledger.connect();
  return {
    platform,
    upstream,
    ledger,
    logs,
    baseUrl: (tenantId) => `${platform.url}/${tenantId}/v1`,
    token(tenantId) {
      const token = tokens.get(tenantId);
      if (!token) throw new Error(`no tenant ${tenantId} on this platform`);
      return token;
    },
    async close() {
      await ledger.end().catch(() => undefined);
      await platform.stop();
      await upstream.close();
      await rm(dataDir, { recursive: true, force: true });
      await rm(tenantsDir, { recursive: true, force: true });
    },
  };
}

/** Polls `condition` every 25 ms until it holds; a rejection counts as "not yet". */
export async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}
