import { spawn } from "node:child_process";
import { appendFileSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, it } from "vitest";
import { startLocalPlatform } from "../../runtime/local/startLocalPlatform.ts";
import { indexedRunbooks, type RunbookStep, runbookSteps } from "./support/runbookSteps.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const runbooksDir = join(root, "docs", "runbooks");
const index = await readFile(join(runbooksDir, "README.md"), "utf8");
const runbooks = await Promise.all(
  indexedRunbooks(index).map(async (file) => ({
    file,
    steps: runbookSteps(await readFile(join(runbooksDir, file), "utf8")),
  })),
);
const blockTimeoutMs = 120_000;

let platform: Awaited<ReturnType<typeof startLocalPlatform>>;
let workDir: string;
let dataDir: string;
let tenantsDir: string;
let logFile: string;
let binDir: string;
let port: number;

async function start(): Promise<void> {
  platform = await startLocalPlatform({
    dataDir,
    tenantsDir,
    port,
    log: (entry) => appendFileSync(logFile, `${JSON.stringify(entry)}\n`),
  });
  port = Number(new URL(platform.url).port);
}

beforeAll(async () => {
  // The data directory sits directly under the OS temp dir: as root, Postgres runs as the postgres user.
  dataDir = await mkdtemp(join(tmpdir(), "silo-runbooks-data-"));
  workDir = await mkdtemp(join(tmpdir(), "silo-runbooks-"));
  tenantsDir = join(workDir, "tenants");
  binDir = join(workDir, "bin");
  logFile = join(workDir, "silo-local.log");
  // Runbooks edit tenant files: they get a copy, never the repository's tenants/.
  await mkdir(tenantsDir);
  for (const file of await readdir(join(root, "tenants"))) {
    if (file.endsWith(".yaml")) await copyFile(join(root, "tenants", file), join(tenantsDir, file));
  }
  await mkdir(binDir);
  await symlink(join(root, "runtime", "cli", "bin.mjs"), join(binDir, "silo"));
  port = 0;
  await start();
}, 180_000);

afterAll(async () => {
  await platform?.stop();
  await rm(dataDir, { recursive: true, force: true });
  await rm(workDir, { recursive: true, force: true });
});

/** Runs one block with bash in the repository root; resolves with its exit code and combined output. */
function runBlock(code: string): Promise<{ exitCode: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-euo", "pipefail", "-c", code], {
      cwd: root,
      env: {
        ...process.env,
        PATH: `${binDir}:${process.env.PATH ?? ""}`,
        SILO_URL: platform.url,
        SILO_PORT: String(port),
        SILO_DATA_DIR: dataDir,
        SILO_TENANTS_DIR: tenantsDir,
        SILO_LOG: logFile,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), blockTimeoutMs);
    child.on("error", reject);
    child.on("close", (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, output });
    });
  });
}

async function runStep(file: string, step: RunbookStep): Promise<void> {
  if (step.kind === "restart") {
    await platform.stop();
    await start();
    return;
  }
  const { exitCode, output } = await runBlock(step.code);
  if (exitCode !== 0) {
    throw new Error(
      `docs/runbooks/${file}, block ${step.number} (line ${step.line}) exited with ${exitCode}:\n` +
        `${step.code}\n--- output ---\n${output.slice(-4000)}`,
    );
  }
}

// Behind `npm run test:runbooks` (about 85 s); `npm test` runs runbookIndex.test.ts. See docs/runbooks/README.md.
describe("docs/runbooks", () => {
  for (const { file, steps } of runbooks) {
    it(
      `rehearses ${file} against the local platform, block by block`,
      async () => {
        for (const step of steps) await runStep(file, step);
      },
      steps.length * blockTimeoutMs,
    );
  }
});
