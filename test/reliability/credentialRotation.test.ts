import { readFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantLedgerRoleName } from "../../runtime/core/ledger/provisionTenantLedgerRole.ts";
import { localDatabaseNames, localLedgerDatabase } from "../../runtime/local/provisionLocalDatabases.ts";
import {
  type ReliabilityPlatform,
  settledRows,
  startReliabilityPlatform,
  tenantClient,
  waitFor,
} from "./support/reliabilityPlatform.ts";

let harness: ReliabilityPlatform;
let globex: ReturnType<typeof tenantClient>;

beforeAll(async () => {
  // Idle connections close after 150 ms, so the pools keep opening new connections while traffic runs.
  harness = await startReliabilityPlatform("rotation", {
    tenantDbIdleTimeoutMs: 150,
    limits: { globex: { requestsPerSecond: 500, burst: 1000 } },
  });
  globex = tenantClient(harness.platform, "globex", await harness.platform.mintToken({ tenantId: "globex" }));
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

interface Outcome {
  readonly route: string;
  readonly status: number;
  /** The problem's code, for a failed request. */
  readonly code?: string;
}

/** Mixed traffic on globex's database and ledger, with pauses so pooled connections idle out and reopen. */
function startTraffic(workers: number) {
  const outcomes: Outcome[] = [];
  let running = true;
  const loops = Array.from({ length: workers }, async (_, worker) => {
    for (let index = 0; running; index++) {
      const kind = (index + worker) % 3;
      const response =
        kind === 0
          ? await globex("POST", "/v1/conversations", { title: `rotation ${worker}-${index}` })
          : kind === 1
            ? await globex("GET", "/v1/conversations?limit=3")
            : await globex("POST", "/v1/chat/completions", {
                model: "nova-micro",
                messages: [{ role: "user", content: `rotation ${worker}-${index}` }],
              });
      const text = await response.text();
      const code = response.status >= 300 ? (JSON.parse(text || "{}") as { code?: string }).code : undefined;
      outcomes.push({
        route: ["createConversation", "listConversations", "chat"][kind] ?? "",
        status: response.status,
        ...(code === undefined ? {} : { code }),
      });
      await new Promise((resolve) => setTimeout(resolve, (index * 37 + worker * 53) % 250));
    }
  });
  return {
    outcomes,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** Sessions of `user` on `database` that started after `since`, by pid. */
async function sessionsSince(database: string, user: string, since: Date): Promise<Set<number>> {
  const { rows } = await harness.ledger.query<{ pid: number }>(
    "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND usename = $2 AND backend_start > $3",
    [database, user, since],
  );
  return new Set(rows.map((row) => row.pid));
}

async function passwordsOf(): Promise<{ databasePassword: string; ledgerPassword: string }> {
  const all = JSON.parse(await readFile(join(harness.platform.dataDir, "local-secrets.json"), "utf8"));
  return all.globex;
}

async function refusalCode(database: string, user: string, password: string): Promise<string | undefined> {
  const client = new pg.Client({
    host: "127.0.0.1",
    port: harness.platform.postgres.port,
    database,
    user,
    password,
  });
  const error = await client.connect().then(
    () => undefined,
    (failure: { code?: string }) => failure,
  );
  await client.end().catch(() => undefined);
  return error?.code;
}

describe("database credential rotation under traffic", () => {
  it("rotates the tenant's database and ledger passwords with no failed request and no restart", async () => {
    // Prepare
    const tenantDb = localDatabaseNames("globex");
    const ledgerUser = tenantLedgerRoleName("globex");
    const old = await passwordsOf();
    const settledBefore = await settledRows(harness.ledger, "globex");
    const pid = harness.platform.processes.get("globex")?.process.pid;
    const traffic = startTraffic(4);
    await waitFor(async () => traffic.outcomes.length >= 40);

    // Act: rotate the database password, let traffic open new connections, then the ledger's
    const newDatabaseSessions = new Set<number>();
    const newLedgerSessions = new Set<number>();
    try {
      const databaseRotatedAt = new Date();
      await harness.platform.rotatePassword("globex", "database");
      await waitFor(async () => {
        for (const session of await sessionsSince(tenantDb.database, tenantDb.user, databaseRotatedAt))
          newDatabaseSessions.add(session);
        return newDatabaseSessions.size >= 3;
      });
      const ledgerRotatedAt = new Date();
      await harness.platform.rotatePassword("globex", "ledger");
      await waitFor(async () => {
        for (const session of await sessionsSince(localLedgerDatabase, ledgerUser, ledgerRotatedAt))
          newLedgerSessions.add(session);
        return newLedgerSessions.size >= 3;
      });
      const afterRotation = traffic.outcomes.length;
      await waitFor(async () => traffic.outcomes.length >= afterRotation + 40);
    } finally {
      await traffic.stop();
    }

    // Assess: the old passwords are refused, new sessions were opened with the new ones, nothing failed
    const failed = traffic.outcomes.filter((outcome) => outcome.status >= 300);
    const chats = traffic.outcomes.filter((outcome) => outcome.route === "chat" && outcome.status === 200);
    console.log(
      `credential rotation: ${traffic.outcomes.length} requests, ${failed.length} failed; ` +
        `${newDatabaseSessions.size} database and ${newLedgerSessions.size} ledger sessions opened after rotation`,
    );
    expect(await refusalCode(tenantDb.database, tenantDb.user, old.databasePassword)).toBe("28P01");
    expect(await refusalCode(localLedgerDatabase, ledgerUser, old.ledgerPassword)).toBe("28P01");
    expect(await passwordsOf()).not.toEqual(old);
    expect(failed).toEqual([]);
    expect(harness.platform.processes.get("globex")?.process.pid).toBe(pid);
    expect((await settledRows(harness.ledger, "globex")) - settledBefore).toBe(chats.length);
  }, 90_000);
});
