import { type ChildProcess, spawn } from "node:child_process";
import { PostgresSpawnError } from "./embeddedPostgresErrors.ts";
import type { PostgresAccount } from "./postgresAccount.ts";

/** A running initdb or postgres, its output and its end. */
export interface PostgresChild {
  readonly child: ChildProcess;
  /** What it wrote so far (stdout and stderr; the last 64 KiB). */
  readonly output: () => string;
  /** Its exit code or signal; rejects with `POSTGRES_SPAWN_FAILED` when it could not be run at all. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const keptOutputChars = 64 * 1024;
const running = new Set<ChildProcess>();
let exitHooked = false;

/**
 * Runs a Postgres binary as `account` (or as this process's user), from `/` (a private working directory
 * would be one more folder the postgres user cannot enter), with English messages so failures can be read.
 * Unlike a bare `spawn`, a binary that cannot be run rejects `exited` instead of emitting an unhandled
 * `error` event. A server still running when this process exits is asked to shut down.
 *
 * @example
 * const initdb = spawnPostgresBinary(binaries.initdb, ["--pgdata=/tmp/data"], account);
 * const { code } = await initdb.exited;
 */
export function spawnPostgresBinary(
  binary: string,
  args: readonly string[],
  account: PostgresAccount | undefined,
  onOutput: (text: string) => void = () => {},
): PostgresChild {
  const child = spawn(binary, args, {
    cwd: "/",
    env: { ...process.env, LC_MESSAGES: "C" },
    stdio: ["ignore", "pipe", "pipe"],
    ...(account === undefined ? {} : { uid: account.uid, gid: account.gid }),
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    output = (output + text).slice(-keptOutputChars);
    onOutput(text);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once("error", (error) => reject(new PostgresSpawnError(binary, account?.name ?? "you", error)));
    child.once("close", (code, signal) => resolve({ code, signal }));
  });
  exited.catch(() => undefined);
  running.add(child);
  exited.finally(() => running.delete(child)).catch(() => undefined);
  if (!exitHooked) {
    exitHooked = true;
    process.once("exit", stopRunning);
  }
  return { child, output: () => output, exited };
}

/**
 * The telling lines of a failed initdb or postgres (`FATAL:`, `HINT:`, `initdb: error:` ...), on one line;
 * else its last line.
 *
 * @example
 * postgresFailureDetail(output); // "FATAL: could not create lock file ...; HINT: ..."
 */
export function postgresFailureDetail(output: string): string {
  const lines = output
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const telling = lines.flatMap((line) => {
    const match = /\b(FATAL|PANIC|ERROR|HINT|DETAIL):\s+(.*)$|^(initdb: (?:error|hint|detail): .*)$/.exec(
      line,
    );
    if (match === null) return [];
    return [match[3] ?? `${match[1]}: ${match[2]}`];
  });
  const detail = (telling.length > 0 ? telling.join("; ") : (lines.at(-1) ?? "no output")).replace(
    /\s+/g,
    " ",
  );
  return detail.length > 600 ? `${detail.slice(0, 600)}...` : detail;
}

function stopRunning(): void {
  for (const child of running) child.kill("SIGINT");
}
