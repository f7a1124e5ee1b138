import { access, chmod, cp, lstat, mkdtemp, readdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PostgresCacheUntrustedError } from "./embeddedPostgresErrors.ts";
import { findBlockingDirectory } from "./findBlockingDirectory.ts";
import { binariesIn, type PostgresBinaries } from "./locatePostgresBinaries.ts";
import type { PostgresAccount } from "./postgresAccount.ts";
import { postgresScratchDir } from "./postgresScratchDir.ts";

/** Written last into a copy, so a copy that a temp-folder cleaner has thinned out is made again. */
const completeMarker = ".silo-kit-complete";

/** Options of {@link reachablePostgresBinaries}. */
export interface ReachableBinariesArgs {
  readonly binaries: PostgresBinaries;
  /** Who runs the binaries; `undefined` (not root) runs them in place. */
  readonly account: PostgresAccount | undefined;
  /** Where copies go. @default the OS temp dir, else /var/tmp */
  readonly cacheRoot?: string;
  readonly progress?: (line: string) => void;
}

/**
 * The binaries as `account` can run them. Hard or symbolic links would not do: the kernel checks every
 * directory on the path, so a checkout under a 0700 `/root` keeps the postgres user out of its
 * node_modules. Then root runs a copy: `<cache root>/silo-kit-<package>-<version>`, made once per version
 * (copied aside, then renamed into place, so concurrent starts never see half a copy), owned by root and
 * writable by no one else, which is checked before every use since the temp dir is shared.
 *
 * @example
 * const binaries = await reachablePostgresBinaries({ binaries: await locatePostgresBinaries(), account });
 */
export async function reachablePostgresBinaries(args: ReachableBinariesArgs): Promise<PostgresBinaries> {
  const { binaries, account } = args;
  if (account === undefined) return binaries;
  const blocking = await findBlockingDirectory(binaries.nativeDir, account);
  if (blocking === undefined) return binaries;
  const cacheRoot = args.cacheRoot ?? (await postgresScratchDir(account));
  const copy = join(cacheRoot, `silo-kit-${binaries.packageId.replace(/^@/, "").replace(/[@/]/g, "-")}`);
  if (!(await isCompleteCopy(copy))) {
    args.progress?.(`the postgres user cannot enter ${blocking}: copying the Postgres binaries to ${copy}`);
    await makeCopy(binaries.nativeDir, copy);
  }
  return binariesIn(copy, binaries.packageId);
}

/** True for a trusted, complete copy; false for none; a partial one is removed; an untrusted one fails. */
async function isCompleteCopy(copy: string): Promise<boolean> {
  const info = await lstat(copy).catch(() => undefined);
  if (info === undefined) return false;
  if (!info.isDirectory()) throw new PostgresCacheUntrustedError(copy, "is not a directory");
  if (info.uid !== process.getuid?.())
    throw new PostgresCacheUntrustedError(copy, `is owned by uid ${info.uid}`);
  if ((info.mode & 0o022) !== 0) {
    throw new PostgresCacheUntrustedError(
      copy,
      `is writable by others (mode ${(info.mode & 0o777).toString(8)})`,
    );
  }
  const complete = await access(join(copy, completeMarker)).then(
    () => true,
    () => false,
  );
  if (!complete) await rm(copy, { recursive: true, force: true });
  return complete;
}

async function makeCopy(nativeDir: string, copy: string): Promise<void> {
  const staging = await mkdtemp(`${copy}.staging-`);
  try {
    await cp(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    // Modes as a umask-077 install may have left them are opened up: the postgres user reads everything.
    for (const entry of await readdir(staging, { recursive: true, withFileTypes: true })) {
      const path = join(entry.parentPath, entry.name);
      if (entry.isDirectory()) await chmod(path, 0o755);
      else if (entry.isFile()) await chmod(path, (await lstat(path)).mode & 0o111 ? 0o755 : 0o644);
    }
    await writeFile(join(staging, completeMarker), `${nativeDir}\n`, { mode: 0o644 });
    await chmod(staging, 0o755);
    await rename(staging, copy).catch(async (error: NodeJS.ErrnoException) => {
      // Another start published the same version first: use theirs.
      if (!["ENOTEMPTY", "EEXIST"].includes(error.code ?? "") || !(await isCompleteCopy(copy))) throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
