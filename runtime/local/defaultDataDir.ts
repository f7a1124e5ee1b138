import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The local platform's data directory: `SILO_DATA_DIR`, else `<OS temp dir>/silo-kit-local`. Under the temp
 * dir so that, as root, the postgres user that runs initdb can reach it.
 */
export function defaultDataDir(): string {
  return process.env.SILO_DATA_DIR ?? join(tmpdir(), "silo-kit-local");
}
