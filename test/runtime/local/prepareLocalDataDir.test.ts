import { access, mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareLocalDataDir } from "../../../runtime/local/prepareLocalDataDir.ts";

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "silo-prepare-"));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("prepareLocalDataDir", () => {
  it("creates the data directory, opened for the postgres user when root", async () => {
    const dataDir = join(root, "fresh");

    await prepareLocalDataDir(dataDir, { reset: false, progress: () => {} });

    const mode = (await stat(dataDir)).mode & 0o777;
    if (process.getuid?.() === 0) expect(mode).toBe(0o755);
    await access(dataDir);
  });

  it("deletes what was there first with reset, saying so", async () => {
    // Prepare
    const dataDir = join(root, "used");
    await mkdir(join(dataDir, "secrets"), { recursive: true });
    await writeFile(join(dataDir, "local-secrets.json"), "{}");
    const progress: string[] = [];

    // Act
    await prepareLocalDataDir(dataDir, { reset: true, progress: (line) => progress.push(line) });

    // Assess
    await expect(access(join(dataDir, "local-secrets.json"))).rejects.toMatchObject({ code: "ENOENT" });
    expect(progress).toEqual([`reset: deleting ${dataDir}`]);
  });

  it("fails with LOCAL_DATA_DIR_UNWRITABLE naming the directory and the fix", async () => {
    // Prepare
    await writeFile(join(root, "a-file"), "");
    const dataDir = join(root, "a-file", "data");

    // Act
    const attempt = prepareLocalDataDir(dataDir, { reset: false, progress: () => {} });

    // Assess
    await expect(attempt).rejects.toMatchObject({
      code: "LOCAL_DATA_DIR_UNWRITABLE",
      message: expect.stringMatching(
        new RegExp(
          `^cannot write the local platform's data directory ${dataDir} \\((ENOTDIR|EEXIST): .*\\); ` +
            "pass --data-dir \\(SILO_DATA_DIR\\) a folder you can write, or fix its owner and mode$",
        ),
      ),
    });
  });
});
