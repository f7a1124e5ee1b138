import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";
import SlowFirstSequencer from "./test/support/vitest/slowFirstSequencer.ts";
import {
  classifyTestFiles,
  rehearsalTests,
  soakTests,
  timingTests,
} from "./test/support/vitest/testProjects.ts";

const root = fileURLToPath(new URL(".", import.meta.url));
// `npm run test:timing` (SILO_TIMING=1): the latency-ratio suites alone, with their ratios asserted.
const timing = process.env.SILO_TIMING === "1";
const suites = classifyTestFiles(root, timing);

// Every project shares these. Projects do not `extends: true` the root: that would start the Postgres of
// globalSetup once per project; the root's one is shared by all (its `postgresUrl` is inherited).
const shared = {
  testTimeout: 20_000,
  hookTimeout: 60_000,
  // The code under test logs straight to stdout; this shows those lines only for failing tests.
  setupFiles: ["./test/support/vitest/logsThroughConsole.ts"],
};

const projects: TestProjectInlineConfiguration[] = [
  {
    // Most suites: pure code and code against the shared Postgres (each file makes its own databases).
    // One module graph per worker thread instead of a process and a fresh import per file; a file that
    // changes process state (env, spies) restores it in its hooks.
    test: { ...shared, name: "unit", include: suites.unit, pool: "threads", isolate: false },
  },
  {
    // Pulumi keeps its runtime state (mocks, stack, resource monitor) process-global: forked workers, where
    // the files take turns (one recording at a time, as within a file). Not isolated per file, so
    // `@pulumi/pulumi` and `@pulumi/aws` (1.5 s to import) load once per worker instead of once per file.
    test: { ...shared, name: "pulumi", include: suites.pulumi, pool: "forks", isolate: false },
  },
  {
    // vi.mock swaps modules and aws-sdk-client-mock patches SDK clients for the whole process: a forked,
    // fresh process per file.
    test: { ...shared, name: "isolated", include: suites.isolated, pool: "forks", isolate: true },
  },
  {
    // Suites that start the whole local platform (Postgres, IdP, gateway, a process per tenant), in forked
    // workers (signal handlers, children), one file at a time per worker; the slowest files, so they start
    // first and overlap the rest. Not isolated per file: each file starts and stops its own platform, and
    // sharing the module graph saves importing it again per file (measured on 2 cores: 155 s -> 124 s CPU
    // for the project). They change no env and mock no module (a file that mocks runs isolated instead).
    test: { ...shared, name: "platform", include: suites.platform, pool: "forks", isolate: false },
  },
];

// Latency ratios are speed targets: asserted only when asked for (`npm run test:timing`), in a group of
// their own after every other file, so the load of other suites is not measured as a lack of isolation.
// In `npm test` the same files run on the platform project without the ratio. See docs/reliability.md.
if (timing) {
  projects.push({
    test: {
      ...shared,
      name: "timing",
      include: [...timingTests],
      pool: "forks",
      isolate: true,
      sequence: { groupOrder: 1 },
    },
  });
}

// The soak runs only when asked for with its length (`npm run soak`: SILO_SOAK_SECONDS, 600 by default),
// never in `npm test`. See docs/reliability.md.
if (process.env.SILO_SOAK_SECONDS) {
  projects.push({
    test: { ...shared, name: "soak", include: [...soakTests], pool: "forks", isolate: true },
  });
}

// The runbook rehearsals run only when asked for (`npm run test:runbooks`), never in `npm test`. See
// docs/runbooks/README.md.
if (process.env.SILO_RUNBOOKS === "1") {
  projects.push({
    test: { ...shared, name: "runbooks", include: [...rehearsalTests], pool: "forks", isolate: true },
  });
}

export default defineConfig({
  test: {
    reporters: ["default", "./test/support/plainSummaryReporter.ts"],
    // One Postgres for the whole run; see test/support/postgres/globalSetup.ts.
    globalSetup: ["./test/support/postgres/globalSetup.ts"],
    // Suites wait on Postgres, child processes and clocks much of the time: one worker more than there are
    // cores keeps the CPUs busy (measured on 2 cores: 2 workers 177 s, 3 workers 159 s, 4 workers 192 s,
    // where every extra worker imports the module graphs again).
    maxWorkers: availableParallelism() + 1,
    // Console output of passing tests is noise; a failing test's is kept.
    silent: "passed-only",
    sequence: { sequencer: SlowFirstSequencer },
    projects,
  },
});
