import { defineConfig } from "vitest/config";

// Pulumi keeps its runtime state (mocks, stack, resource monitor) process-global, so every test
// file runs in its own forked process.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", "./test/support/plainSummaryReporter.ts"],
    globalSetup: ["./test/support/postgres/globalSetup.ts"],
    pool: "forks",
    isolate: true,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
