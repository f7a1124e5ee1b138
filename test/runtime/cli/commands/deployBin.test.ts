import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const bin = new URL("../../../../runtime/cli/bin.mjs", import.meta.url).pathname;

describe("the silo executable's deploy on a machine without Pulumi", () => {
  let home: string;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), "silo-deploy-bin-"));
  });

  afterAll(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it("exits 1 at once, naming the CLI, the backend and the credentials it lacks", async () => {
    // Prepare: no pulumi on PATH (it cannot be installed here), no login, no AWS credentials.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !/^(PULUMI_|AWS_|SILO_AWS)/.test(key)),
    );
    const logDir = join(home, "logs");

    // Act
    const failed = await run(process.execPath, [bin, "deploy", "--all", "--log-dir", logDir], {
      env: { ...env, HOME: home, PATH: "/usr/bin:/bin", NO_COLOR: "1" },
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);

    // Assess
    expect(failed).toMatchObject({ code: 1, stdout: "" });
    const stderr = (failed as { stderr: string }).stderr;
    expect(stderr).toContain("error [PREREQUISITES_MISSING]: cannot run Pulumi here:\n");
    expect(stderr).toContain("- the Pulumi CLI is not on PATH;");
    expect(stderr).toContain("- no Pulumi state backend: run pulumi login");
    expect(stderr).toContain("- no AWS credentials: set AWS_PROFILE");
    await expect(readdir(logDir)).rejects.toMatchObject({ code: "ENOENT" });
  });
});
