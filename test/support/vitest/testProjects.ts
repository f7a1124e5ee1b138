import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/** The vitest project a test file runs in; see vitest.config.ts for what each one costs and why. */
export type TestProjectName = "unit" | "pulumi" | "isolated" | "platform";

/** The soak, which runs only behind `npm run soak`, never in `npm test`. */
export const soakTests = ["test/reliability/soak.test.ts"] as const;

/**
 * The runbook rehearsals: every executable block of docs/runbooks against a local platform, about 85 s of
 * CLI start-ups; behind `npm run test:runbooks`, so `npm test` stays within its 4-minute budget on 2 cores.
 * `npm test` still checks every runbook is indexed and has blocks (test/docs/runbookIndex.test.ts).
 */
export const rehearsalTests = ["test/docs/runbooks.test.ts"] as const;

/**
 * Suites that assert latency ratios when `SILO_TIMING=1` (`npm run test:timing`): then they run alone, so
 * other suites' load is not measured; in `npm test` they run on the platform project without the ratio.
 */
export const timingTests = ["test/reliability/noisyNeighbour.test.ts"] as const;

// A test file reaching one of these needs a forked process: Pulumi's runtime state is process-global (one
// recording at a time, which files in one worker already are), a module mock needs a module graph of its
// own, and a whole local platform brings signal handlers and children.
// Type-only imports are erased, so they are not followed.
const pulumiImport = /^(?:import|export)\s+(?!type\b)[^;]*?from\s+["']@pulumi\/|import\(\s*["']@pulumi\//m;
const relativeImport =
  /(?:^(?:import|export)\s+(?!type\b)[^;]*?from\s+|^import\s+|import\(\s*)["'](\.{1,2}\/[^"']+)["']/gm;
// vi.mock swaps modules; aws-sdk-client-mock's mockClient patches an SDK client's prototype for every
// later user of that class in the process (bedrockProvider.test.ts's mock broke bedrockProviderWire.test.ts).
const moduleMock = /\bvi\.(mock|doMock)\(|\bmockClient\(/;
/** Starting the local platform in the test's own process (the CLI's commands only import it). */
const platformStart = /\b(startLocalPlatform|startReliabilityPlatform)\(/;

/**
 * Sorts every `*.test.ts` file under `test/` into the project it needs, by what it imports (following
 * relative imports, static and dynamic): a file that mocks modules runs isolated; else one that starts the
 * local platform runs on the platform project; one that reaches `@pulumi/*` shares a forked worker with the other
 * Pulumi files (so `@pulumi/pulumi` and `@pulumi/aws`, 1.5 s to import, load once per worker, not per
 * file); the rest share worker threads. Read from the
 * files on each run, so a moved or new test lands in the right place without editing the config.
 */
export function classifyTestFiles(root: string, timing = false): Record<TestProjectName, string[]> {
  const reaches = new Map<string, { pulumi: boolean; platform: boolean }>();
  const visit = (file: string, seen: Set<string>): { pulumi: boolean; platform: boolean } => {
    const known = reaches.get(file);
    if (known) return known;
    const found = { pulumi: false, platform: false };
    if (seen.has(file)) return found;
    seen.add(file);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      return found;
    }
    found.pulumi = pulumiImport.test(text);
    // The platform is started by the test or by its own support code, not by the code under test.
    const inTests = relative(join(root, "test"), file).startsWith("..") === false;
    found.platform = inTests && platformStart.test(text);
    for (const match of text.matchAll(relativeImport)) {
      const target = resolve(dirname(file), match[1] ?? "");
      if (!/\.[cm]?[jt]s$/.test(target)) continue;
      const child = visit(target, seen);
      found.pulumi ||= child.pulumi;
      found.platform ||= inTests && child.platform;
    }
    reaches.set(file, found);
    return found;
  };

  const projects: Record<TestProjectName, string[]> = { unit: [], pulumi: [], isolated: [], platform: [] };
  for (const file of testFiles(join(root, "test"))) {
    const path = relative(root, file);
    if (soakTests.includes(path as (typeof soakTests)[number])) continue;
    if (rehearsalTests.includes(path as (typeof rehearsalTests)[number])) continue;
    if (timingTests.includes(path as (typeof timingTests)[number])) {
      if (!timing) projects.platform.push(path);
      continue;
    }
    const { pulumi, platform } = visit(file, new Set());
    // A module mock first: the platform files share a process, one after another, and a mock would leak
    // into the next file; a file of its own starts a platform as well as any.
    if (moduleMock.test(readFileSync(file, "utf8"))) projects.isolated.push(path);
    else if (platform) projects.platform.push(path);
    else if (pulumi) projects.pulumi.push(path);
    else projects.unit.push(path);
  }
  return projects;
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : testFiles(path);
    return entry.name.endsWith(".test.ts") ? [path] : [];
  });
}
