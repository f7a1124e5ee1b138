import { describe, expect, it } from "vitest";
import { formatDeploySummary } from "../../../runtime/fleet/formatDeploySummary.ts";
import { formatDuration } from "../../../runtime/fleet/formatDuration.ts";
import { formatResourceChanges } from "../../../runtime/fleet/formatResourceChanges.ts";

describe("formatDeploySummary", () => {
  it("lays out one row per stack, the totals and why stacks did not succeed", () => {
    const summary = formatDeploySummary({
      operation: "up",
      outcomes: [
        {
          stackName: "shared",
          result: "succeeded",
          changes: { same: 40 },
          durationMs: 21_000,
          logFile: "l/shared.log",
        },
        {
          stackName: "tenant-acme",
          result: "failed",
          changes: {},
          durationMs: 125_000,
          logFile: "l/tenant-acme.log",
          reason: "error: quota",
        },
        {
          stackName: "tenant-globex",
          result: "not attempted",
          changes: {},
          durationMs: 0,
          reason: "shared failed",
        },
      ],
    });

    expect(summary).toBe(
      [
        "STACK          RESULT         CHANGES  DURATION  LOG",
        "shared         succeeded      40 same  21.0s     l/shared.log",
        "tenant-acme    failed         -        2m05s     l/tenant-acme.log",
        "tenant-globex  not attempted  -        -         -",
        "",
        "deploy: 1 succeeded, 1 failed, 1 not attempted",
        "tenant-acme: error: quota",
        "tenant-globex: shared failed",
        "",
      ].join("\n"),
    );
  });
});

describe("formatResourceChanges", () => {
  it("lists changes before unchanged resources and leaves out zeros", () => {
    expect(formatResourceChanges({ same: 40, delete: 0, update: 1, create: 2 })).toBe(
      "2 create, 1 update, 40 same",
    );
    expect(formatResourceChanges({})).toBe("-");
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0.0s"],
    [12_345, "12.3s"],
    [59_949, "59.9s"],
    [60_000, "1m00s"],
    [3_725_000, "62m05s"],
  ])("shows %i ms as %s", (milliseconds, text) => {
    expect(formatDuration(milliseconds)).toBe(text);
  });
});
