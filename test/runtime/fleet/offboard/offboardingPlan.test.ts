import { describe, expect, it } from "vitest";
import { offboardingPlan } from "../../../../runtime/fleet/offboard/offboardingPlan.ts";
import { tenant } from "../fakeStackWorkspaces.ts";

/** A tenant with a secret besides its ledger role: the key of an openai-compatible model. */
const initechWithProviderKey = tenant("initech", {
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
});

describe("offboardingPlan", () => {
  it("names the database, both snapshots and every secret with its recovery window", () => {
    const plan = offboardingPlan(initechWithProviderKey);

    expect(plan).toEqual({
      tenantId: "initech",
      stackName: "tenant-initech",
      sharedStackName: "shared",
      databaseInstanceId: "silo-initech",
      snapshotId: "silo-initech-offboarding",
      retainedSnapshotId: "silo-initech-offboarding-retained",
      finalSnapshotPrefix: "silo-initech-final",
      ledgerIdentifier: "silo-usage-ledger",
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

  it("names the qualified stacks and every physical name with the environment qualifier", () => {
    // Act
    const plan = offboardingPlan(initechWithProviderKey, "2026-12-05T08:49:31.123Z", "staging");

    // Assess
    expect(plan).toEqual({
      tenantId: "initech",
      stackName: "staging.tenant-initech",
      sharedStackName: "staging.shared",
      databaseInstanceId: "staging-silo-initech",
      snapshotId: "staging-silo-initech-offboarding-20261205t0849",
      retainedSnapshotId: "staging-silo-initech-offboarding-20261205t0849-retained",
      finalSnapshotPrefix: "staging-silo-initech-final",
      ledgerIdentifier: "staging-silo-usage-ledger",
      secrets: [
        { name: "/staging/silo/initech/ledger-role", recoveryWindowDays: 7 },
        { name: "/staging/silo/initech/providers/gpt-4o-mini", recoveryWindowDays: 7 },
      ],
      keyDeletionWindowDays: 30,
    });
  });

  it("keeps both snapshot ids within RDS's rule for the longest tenant id and qualifier", () => {
    // Prepare: a 32-character tenant id and a 10-character qualifier, the longest each may be
    const longest = tenant(`${"a".repeat(15)}-${"b".repeat(16)}`);

    // Act
    const plan = offboardingPlan(longest, "2026-12-05T08:49:31.123Z", "abcdefghij");

    // Assess: a letter first, then letters, digits and single hyphens, no trailing hyphen, at most 255
    for (const id of [plan.snapshotId, plan.retainedSnapshotId]) {
      expect(longest.id).toHaveLength(32);
      expect(id.length).toBeLessThanOrEqual(255);
      expect(id).toMatch(/^[a-zA-Z](?:-?[a-zA-Z0-9])*$/);
    }
    expect(plan.retainedSnapshotId).toBe(`abcdefghij-silo-${longest.id}-offboarding-20261205t0849-retained`);
  });

  it("refuses a qualifier that is not one, naming the value and the fix", () => {
    // Act
    const plan = () => offboardingPlan(tenant("initech"), undefined, "Staging");

    // Assess
    expect(plan).toThrow(
      expect.objectContaining({
        code: "ENVIRONMENT_QUALIFIER_INVALID",
        message:
          'environment qualifier "Staging" is not 2-10 characters of a-z and 0-9, starting with a letter; use e.g. staging, uat or perf2',
      }),
    );
  });
});
