import { describe, expect, it } from "vitest";
import { offboardingPlan } from "../../../../runtime/fleet/offboard/offboardingPlan.ts";
import { tenant } from "../fakeStackWorkspaces.ts";

describe("offboardingPlan", () => {
  it("names the database, both snapshots and every secret with its recovery window", () => {
    const plan = offboardingPlan(
      tenant("initech", {
        models: {
          allowlist: [
            {
              key: "gpt-4o-mini",
              provider: "openai-compatible",
              modelId: "gpt-4o-mini",
              baseUrl: "https://llm.example.com/v1",
            },
          ],
          defaultModel: "gpt-4o-mini",
        },
      }),
    );

    expect(plan).toEqual({
      tenantId: "initech",
      stackName: "tenant-initech",
      databaseInstanceId: "silo-initech",
      snapshotId: "silo-initech-offboarding",
      retainedSnapshotId: "silo-initech-offboarding-retained",
      secrets: [
        { name: "/silo/initech/ledger-role", recoveryWindowDays: 7 },
        { name: "/silo/initech/providers/gpt-4o-mini", recoveryWindowDays: 7 },
      ],
      keyDeletionWindowDays: 30,
    });
  });

  it("names the snapshots after the minute the offboarding began, so each offboarding has its own", () => {
    const plan = offboardingPlan(tenant("initech"), "2026-12-05T08:49:31.123Z");

    expect([plan.snapshotId, plan.retainedSnapshotId]).toEqual([
      "silo-initech-offboarding-20261205t0849",
      "silo-initech-offboarding-20261205t0849-retained",
    ]);
    // RDS snapshot ids: a letter first, then letters, digits and single hyphens, at most 255 characters.
    expect(plan.retainedSnapshotId).toMatch(/^[a-z](?!.*--)[a-z0-9-]{0,254}$/);
  });
});
