import { constants } from "node:fs";
import { access, chmod, mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { LocalDataDirUnwritableError } from "./localPlatformErrors.ts";
import { removePostgresDataDir } from "./reachableDataDir.ts";

/**
 * Creates the local platform's data directory (after deleting it, Postgres cluster included, with
 * `reset`), or fails with `LOCAL_DATA_DIR_UNWRITABLE`. As root it is opened to 0755: the postgres user must
 * enter it to reach the cluster inside (where it cannot, the cluster is kept elsewhere; see
 * reachableDataDir). The secrets and the signing key inside keep their own 0600/0700 modes.
 *
 * @example
 * await prepareLocalDataDir("/tmp/silo-kit-local", { reset: false, progress: console.error });
 */
export async function prepareLocalDataDir(
  dataDir: string,
  options: { readonly reset: boolean; readonly progress: (line: string) => void },
): Promise<void> {
  try {
    if (options.reset) {
      options.progress(`reset: deleting ${dataDir}`);
      await removePostgresDataDir(join(dataDir, "postgres"));
      await rm(dataDir, { recursive: true, force: true });
    }
    await mkdir(dataDir, { recursive: true });
    if (process.getuid?.() === 0) await chmod(dataDir, 0o755);
    await access(dataDir, constants.W_OK);
  } catch (error) {
    throw new LocalDataDirUnwritableError(dataDir, error);
  }
}
