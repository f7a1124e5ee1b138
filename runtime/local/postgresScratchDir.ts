import { realpath } from "node:fs/promises";
import { tmpdir } from "node:os";
import { PostgresPathUnreachableError } from "./embeddedPostgresErrors.ts";
import { findBlockingDirectory } from "./findBlockingDirectory.ts";
import type { PostgresAccount } from "./postgresAccount.ts";

/**
 * A folder the postgres user can enter, where root keeps what Postgres must reach when the checkout or data
 * directory is private (a copy of the binaries, a relocated cluster): the OS temp dir, else `/var/tmp`.
 *
 * @example
 * const scratch = await postgresScratchDir(account); // "/tmp"
 */
export async function postgresScratchDir(account: PostgresAccount): Promise<string> {
  const candidates = [...new Set([tmpdir(), "/var/tmp"])];
  let firstBlocking: string | undefined;
  for (const candidate of candidates) {
    const blocking = await findBlockingDirectory(candidate, account);
    if (blocking === undefined) return await realpath(candidate);
    firstBlocking ??= blocking;
  }
  throw new PostgresPathUnreachableError(
    "temporary folder",
    candidates.join(" or "),
    firstBlocking ?? candidates.join(", "),
    "set TMPDIR to a folder every user may enter (mode 1777, like /tmp)",
  );
}
