import { SiloError } from "../core/errors/siloError.ts";

/** The gateway's port is taken. */
export class LocalPortInUseError extends SiloError {
  constructor(port: number, cause?: unknown) {
    super(
      "LOCAL_PORT_IN_USE",
      `port ${port} on 127.0.0.1 is already in use (another silo local?), so the gateway cannot listen on it; ` +
        "stop what uses it, or pass --port N (SILO_PORT; 0 picks a free port)",
      { cause },
    );
  }
}

/** The local platform's data directory cannot be created or written. */
export class LocalDataDirUnwritableError extends SiloError {
  constructor(dataDir: string, cause: unknown) {
    super(
      "LOCAL_DATA_DIR_UNWRITABLE",
      `cannot write the local platform's data directory ${dataDir} (${(cause as Error).message}); ` +
        "pass --data-dir (SILO_DATA_DIR) a folder you can write, or fix its owner and mode",
      { cause },
    );
  }
}

/**
 * A start of the local platform failed in a way no other code names: one line, the cause's message, and
 * how to see more.
 */
export class LocalStartError extends SiloError {
  constructor(cause: unknown) {
    const message = String((cause as Error)?.message ?? cause).replace(/\s+/g, " ");
    super(
      "LOCAL_START_FAILED",
      `the local platform could not start: ${message}; start clean with --reset, or run with ` +
        "SILO_DEBUG=1 for the stack trace and report it",
      { cause },
    );
  }
}
