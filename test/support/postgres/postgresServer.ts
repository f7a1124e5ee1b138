/**
 * Runs the test run's Postgres in a process of its own, so vitest's main process never owns a server
 * process: whatever ends the run, this process sees its stdin close and stops Postgres. Prints one JSON
 * line `{ "url": ... }` when ready; a failed start prints one line `error [CODE]: ...` on stderr and exits
 * 1. Stops Postgres and exits when its parent closes stdin or sends SIGTERM.
 */
import { SiloError } from "../../../runtime/core/errors/siloError.ts";
import { startEmbeddedPostgres } from "../../../runtime/local/startEmbeddedPostgres.ts";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: postgresServer.ts <data dir>");
const server = await startEmbeddedPostgres({ dataDir, persistent: false }).catch((error: unknown) => {
  if (!(error instanceof SiloError)) throw error;
  process.stderr.write(`error [${error.code}]: ${error.message}\n`);
  process.exit(1);
});
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
