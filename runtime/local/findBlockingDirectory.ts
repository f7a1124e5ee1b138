import { realpath, stat } from "node:fs/promises";
import { dirname } from "node:path";
import type { PostgresAccount } from "./postgresAccount.ts";

/**
 * The first directory, from `/` down to `directory` itself (symlinks resolved), that `account` may not
 * enter, described as `/root (mode 0700, owner uid 0)`; `undefined` when it may enter every one. Judged by
 * the mode bits against the account's uid and primary gid only, as a process spawned with that uid and gid
 * has no supplementary groups (ACLs are not read).
 *
 * @example
 * await findBlockingDirectory("/root/silo-kit/node_modules", account); // "/root (mode 0700, owner uid 0)"
 */
export async function findBlockingDirectory(
  directory: string,
  account: Pick<PostgresAccount, "uid" | "gid">,
): Promise<string | undefined> {
  let real: string;
  try {
    real = await realpath(directory);
  } catch (error) {
    return `${directory} (${(error as Error).message})`;
  }
  const chain: string[] = [];
  for (let path = real; ; path = dirname(path)) {
    chain.unshift(path);
    if (dirname(path) === path) break;
  }
  for (const path of chain) {
    const info = await stat(path);
    if (!maySearch(info, account)) {
      return `${path} (mode ${(info.mode & 0o7777).toString(8).padStart(4, "0")}, owner uid ${info.uid})`;
    }
  }
  return undefined;
}

/** Whether a process with `uid` and `gid` may search (enter) a directory with this owner and mode. */
function maySearch(
  directory: { mode: number; uid: number; gid: number },
  account: { uid: number; gid: number },
): boolean {
  if (directory.uid === account.uid) return (directory.mode & 0o100) !== 0;
  if (directory.gid === account.gid) return (directory.mode & 0o010) !== 0;
  return (directory.mode & 0o001) !== 0;
}
