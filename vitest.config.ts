import { configDefaults, defineConfig } from "vitest/config";

// Tests that assert latency ratios. They run in a group of their own, after every other file, so the
// load of other suites running beside them (two at a time on a 2-core CI machine) is not measured as a
// lack of isolation. See docs/reliability.md.
const timingTests = ["test/reliability/noisyNeighbour.test.ts"];

// Pulumi keeps its runtime state (mocks, stack, resource monitor) process-global, so every test
// file runs in its own forked process.
export default defineConfig({
  test: {
    reporters: ["default", "./test/support/plainSummaryReporter.ts"],
    globalSetup: ["./test/support/postgres/globalSetup.ts"],
    pool: "forks",
    isolate: true,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "suite",
          include: ["test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...timingTests],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: "timing", include: timingTests, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
