import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const bin = new URL("../../../runtime/cli/bin.mjs", import.meta.url).pathname;

/** Runs the real `silo` executable as a user would (`npx silo ...`), in its own process. */
async function silo(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      env: { ...process.env, NO_COLOR: "1" },
    });
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { exitCode: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("the silo executable", () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "silo-bin-"));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("creates a tenant that then validates, with exit codes a shell can use", async () => {
    const created = await silo("tenants", "new", "acme2", "--dir", dir);
    const validated = await silo("tenants", "validate", "--dir", dir);

    expect(created.exitCode).toBe(0);
    expect(validated).toMatchObject({
      exitCode: 0,
      stdout: `ok: 1 tenant file(s) valid in ${dir} (acme2); identity profile generic\n`,
    });
  });

  it("exits 1 on a broken file and lists all its errors on stderr", async () => {
    await writeFile(join(dir, "broken.yaml"), "id: broken\ndisplayName: 42\ntier: gold\n");

    const result = await silo("tenants", "validate", "--dir", dir);

    expect(result.exitCode).toBe(1);
    expect(
      result.stderr.split("\n").filter((line) => line.startsWith(join(dir, "broken.yaml"))),
    ).toHaveLength(4);
  });

  it("exits 2 on a usage error", async () => {
    const result = await silo("tenants", "bogus");

    expect(result.exitCode).toBe(2);
  });
});
