import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { SiloError } from "../core/errors/siloError.ts";
import { replaceFile } from "./replaceFile.ts";
import {
  type EmbeddedPostgresArgs,
  type EmbeddedPostgresServer,
  startEmbeddedPostgres,
} from "./startEmbeddedPostgres.ts";

/** The superuser password of clusters created before it was generated per data directory. */
export const legacySuperuserPassword = "silo-local";

/** `<data dir>/postgres-superuser.json` (mode 0600): the embedded Postgres superuser's password. */
export function localSuperuserPasswordFile(dataDir: string): string {
  return join(dataDir, "postgres-superuser.json");
}

/**
 * The superuser password of the local platform running with `dataDir`: its file's, or the legacy fixed one
 * for a data directory an earlier version created and no start has converted yet.
 *
 * @example
 * const password = await readLocalSuperuserPassword(defaultDataDir());
 */
export async function readLocalSuperuserPassword(dataDir: string): Promise<string> {
  const file = localSuperuserPasswordFile(dataDir);
  const text = await readFile(file, "utf8").catch(() => undefined);
  if (text === undefined) return legacySuperuserPassword;
  const password = (JSON.parse(text) as { password?: unknown }).password;
  if (typeof password !== "string" || password.length === 0) {
    throw new SiloError(
      "LOCAL_SUPERUSER_PASSWORD_INVALID",
      `${file} holds no "password": restore it from a backup, or start again with --reset (deletes every local database)`,
    );
  }
  return password;
}

/**
 * Starts the local platform's embedded Postgres (`<data dir>/postgres`) with a superuser password of its
 * own: generated at the first start (256 bits), written to {@link localSuperuserPasswordFile} with mode 0600
 * before initdb uses it, and read from there afterwards. A cluster an earlier version created with the
 * fixed legacy password gets a new one at its first start here, so no data directory keeps a password
 * anyone can read in this repository.
 *
 * @example
 * const postgres = await startLocalPostgres(dataDir, { onLog: () => {}, progress: console.error });
 */
export async function startLocalPostgres(
  dataDir: string,
  options: Pick<EmbeddedPostgresArgs, "onLog" | "progress"> = {},
): Promise<EmbeddedPostgresServer> {
  const file = localSuperuserPasswordFile(dataDir);
  const saved = await readFile(file, "utf8").then(
    () => readLocalSuperuserPassword(dataDir),
    () => undefined,
  );
  const password = saved ?? randomBytes(32).toString("base64url");
  if (saved === undefined) await replaceFile(file, `${JSON.stringify({ password }, null, 2)}\n`, 0o600);
  const server = await startEmbeddedPostgres({ ...options, dataDir: join(dataDir, "postgres"), password });
  if (saved === undefined && !server.initialised) {
    await replaceLegacyPassword(server, password, file);
    options.progress?.(`the Postgres superuser has a new password, kept in ${file} (mode 0600)`);
  }
  return server;
}

/** Gives a cluster created with the legacy password the new one, connecting with the legacy one. */
async function replaceLegacyPassword(
  server: EmbeddedPostgresServer,
  password: string,
  file: string,
): Promise<void> {
  const client = new pg.Client({
    host: server.host,
    port: server.port,
    user: server.user,
    password: legacySuperuserPassword,
    database: "postgres",
  });
  try {
    await client.connect();
    await client.query(`ALTER ROLE postgres PASSWORD ${client.escapeLiteral(password)}`);
  } catch (cause) {
    await server.stop();
    throw new SiloError(
      "LOCAL_SUPERUSER_PASSWORD_UNKNOWN",
      `the Postgres cluster in ${server.dataDir} refuses both its legacy password and the one in ` +
        `${file}: start with --reset (deletes every local database) or another --data-dir`,
      { cause },
    );
  } finally {
    await client.end().catch(() => {});
  }
}
