import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDataDirEntries, localDataDirEntryOf } from "../../../runtime/local/localSecretFiles.ts";
import { startLocalPlatform } from "../../../runtime/local/startLocalPlatform.ts";

let platform: Awaited<ReturnType<typeof startLocalPlatform>>;
let dataDir: string;
/** Every file the started platform wrote, relative to its data directory. */
let files: string[];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "silo-secret-files-"));
  platform = await startLocalPlatform({ dataDir, port: 0, log: () => {}, progress: () => {} });
  const entries = await readdir(dataDir, { recursive: true, withFileTypes: true });
  files = entries
    .filter((entry) => entry.isFile())
    .map((entry) =>
      join(entry.parentPath, entry.name)
        .slice(dataDir.length + 1)
        .split("\\")
        .join("/"),
    );
}, 120_000);

afterAll(async () => {
  await platform?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("localDataDirEntries, the files the local platform writes", () => {
  it("covers every file the started platform's data directory holds", () => {
    expect(files.filter((file) => localDataDirEntryOf(file) === undefined)).toEqual([]);
  });

  it("lists no entry the platform does not write", () => {
    const unused = localDataDirEntries.filter(
      (entry) => !files.some((file) => localDataDirEntryOf(file) === entry),
    );

    expect(unused.map((entry) => entry.path)).toEqual([]);
  });

  it("keeps every secret file outside the cluster readable by its owner only", async () => {
    const secretFiles = files.filter((file) => {
      const entry = localDataDirEntryOf(file);
      return entry?.inventoryId !== undefined && !entry.path.endsWith("/");
    });
    const modes = await Promise.all(
      secretFiles.map(async (file) => [file, ((await stat(join(dataDir, file))).mode & 0o777).toString(8)]),
    );

    expect(secretFiles.length).toBeGreaterThanOrEqual(5);
    expect(modes.filter(([, mode]) => mode !== "600")).toEqual([]);
  });
});
