import {
  PostgresAlreadyRunningError,
  PostgresPortInUseError,
  PostgresStartError,
} from "./embeddedPostgresErrors.ts";
import type { PostgresBinaries } from "./locatePostgresBinaries.ts";
import type { PostgresAccount } from "./postgresAccount.ts";
import { postgresFailureDetail, spawnPostgresBinary } from "./spawnPostgresBinary.ts";

/** Options of {@link runPostgresServer}. */
export interface RunPostgresArgs {
  readonly binaries: PostgresBinaries;
  /** An initialised cluster, ready for `account`. */
  readonly clusterDir: string;
  /** The data directory as the caller named it, for messages. */
  readonly dataDir: string;
  readonly port: number;
  readonly account: PostgresAccount | undefined;
  readonly onLog?: (line: string) => void;
  /** @default 60000 */
  readonly readyTimeoutMs?: number;
}

const readyLine = "database system is ready to accept connections";

/**
 * Starts `postgres` on 127.0.0.1:`port` and resolves once it accepts connections, with a `stop` that
 * shuts it down fast (SIGINT; SIGKILL after 30 s) and waits for it. A server that exits while starting
 * fails with its reason: `POSTGRES_PORT_IN_USE`, `POSTGRES_ALREADY_RUNNING` or `POSTGRES_START_FAILED`.
 *
 * @example
 * const server = await runPostgresServer({ binaries, clusterDir, dataDir, port: 54321, account });
 * await server.stop();
 */
export async function runPostgresServer(args: RunPostgresArgs): Promise<{ stop: () => Promise<void> }> {
  let announceReady = () => {};
  const ready = new Promise<void>((resolve) => {
    announceReady = resolve;
  });
  let seen = "";
  const server = spawnPostgresBinary(
    args.binaries.postgres,
    [
      "-D",
      args.clusterDir,
      "-p",
      String(args.port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "max_connections=300",
    ],
    args.account,
    (text) => {
      args.onLog?.(text.trimEnd());
      // The line may arrive split over two chunks.
      seen = (seen + text).slice(-2 * readyLine.length);
      if (seen.includes(readyLine)) announceReady();
    },
  );
  let timer: NodeJS.Timeout | undefined;
  const timeoutMs = args.readyTimeoutMs ?? 60_000;
  const outcome = await Promise.race([
    ready.then(() => "ready" as const),
    server.exited.then(({ code, signal }) => `exited with ${signal ?? `code ${code}`}`),
    new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`not ready after ${timeoutMs / 1000} s`), timeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));
  const stop = async () => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return;
    server.child.kill("SIGINT");
    const killer = setTimeout(() => server.child.kill("SIGKILL"), 30_000);
    await server.exited.catch(() => undefined);
    clearTimeout(killer);
  };
  if (outcome === "ready") return { stop };
  await stop();
  throw startFailure(args, `${outcome}: ${postgresFailureDetail(server.output())}`);
}

function startFailure(args: RunPostgresArgs, detail: string): Error {
  if (/Address already in use|could not create any TCP\/IP sockets|\.s\.PGSQL\.\d+\.lock/.test(detail)) {
    return new PostgresPortInUseError(args.port);
  }
  const otherServer = /Is another postmaster \(PID (\d+)\) running/.exec(detail);
  if (otherServer !== null) {
    return new PostgresAlreadyRunningError(args.dataDir, Number(otherServer[1]));
  }
  return new PostgresStartError(args.dataDir, args.port, detail);
}
