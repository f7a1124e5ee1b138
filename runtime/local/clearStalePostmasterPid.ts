import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { PostgresAlreadyRunningError } from "./embeddedPostgresErrors.ts";

/**
 * Before Postgres starts on `clusterDir`: fails with `POSTGRES_ALREADY_RUNNING` when the `postmaster.pid`
 * there names a running Postgres, and deletes the file when its PID now belongs to another program. A
 * platform that was killed leaves the file behind; in a container, PIDs are reused soon, and Postgres
 * refuses to start while the PID in the file is alive, whatever runs under it. A dead PID is left to
 * Postgres, which clears it; without `/proc` (macOS) the file is left to Postgres too.
 *
 * @example
 * await clearStalePostmasterPid(clusterDir, dataDir, progress);
 */
export async function clearStalePostmasterPid(
  clusterDir: string,
  dataDir: string,
  progress: (line: string) => void = () => {},
): Promise<void> {
  const file = join(clusterDir, "postmaster.pid");
  const text = await readFile(file, "utf8").catch(() => undefined);
  if (text === undefined) return;
  const pid = Number(text.split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0) {
    progress(`removed ${file}: it names no process`);
    await rm(file, { force: true });
    return;
  }
  if (!isAlive(pid)) return;
  const program = await readFile(`/proc/${pid}/comm`, "utf8").then(
    (name) => name.trim(),
    () => undefined,
  );
  if (program === undefined) return;
  if (program === "postgres") throw new PostgresAlreadyRunningError(dataDir, pid);
  progress(`removed a stale ${file}: its PID ${pid} now runs ${program}`);
  await rm(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
