import { describe, expect, it } from "vitest";
import { loadPolicyProfile } from "../../../policies/profiles/loadPolicyProfile.ts";
import { policyProfileForTier } from "../../../policies/profiles/policyProfileNames.ts";
import { policySettings } from "../../../policies/profiles/policySettings.ts";
import { PolicyConfigError, validatePolicyConfig } from "../../../policies/profiles/validatePolicyConfig.ts";
import { allRules } from "../../../policies/rules/allRules.ts";

const source = "policies/profiles/test.json";

describe("the shipped profiles", () => {
  it("baseline.json repeats the rules' own levels and defaults", async () => {
    // Prepare
    const baseline = await loadPolicyProfile("baseline");

    // Act
    const differences = allRules.filter(
      (rule) => JSON.stringify(policySettings(rule, baseline)) !== JSON.stringify(policySettings(rule, {})),
    );

    // Assess
    expect(differences.map((rule) => rule.name)).toEqual([]);
  });

  it("regulated.json is stricter than the baseline in these settings only", async () => {
    // Prepare
    const [baseline, regulated] = [await loadPolicyProfile("baseline"), await loadPolicyProfile("regulated")];

    // Act
    const changes = allRules.flatMap((rule) => {
      const [before, after] = [policySettings(rule, baseline), policySettings(rule, regulated)];
      return JSON.stringify(before) === JSON.stringify(after) ? [] : [[rule.name, before, after]];
    });

    // Assess
    expect(changes).toEqual([
      [
        "silo-rds-instance-deletion-protection",
        { enforcementLevel: "advisory", config: {} },
        { enforcementLevel: "mandatory", config: {} },
      ],
      [
        "silo-rds-instance-backup-retention",
        { enforcementLevel: "mandatory", config: { minimumDays: 7 } },
        { enforcementLevel: "mandatory", config: { minimumDays: 35 } },
      ],
      [
        "silo-cloudwatch-loggroup-retention",
        { enforcementLevel: "mandatory", config: { minimumDays: 30 } },
        { enforcementLevel: "mandatory", config: { minimumDays: 365 } },
      ],
    ]);
  });

  it("regulated.json enforces every rule of the pack, the new resource types' included, as mandatory", async () => {
    // Prepare
    const regulated = await loadPolicyProfile("regulated");

    // Act
    const notMandatory = allRules.filter(
      (rule) => policySettings(rule, regulated).enforcementLevel !== "mandatory",
    );

    // Assess
    expect(notMandatory.map((rule) => rule.name)).toEqual([]);
  });

  it.each([
    ["regulated", "regulated"],
    ["standard", "baseline"],
    [undefined, "baseline"],
  ])("checks tier %s under %s", (tier, profile) => {
    // Assess
    expect(policyProfileForTier(tier)).toBe(profile);
  });
});

describe("validatePolicyConfig", () => {
  it("accepts a level string, a level object and settings", () => {
    // Prepare
    const config = {
      "silo-kms-key-rotation": "advisory",
      "silo-rds-instance-deletion-protection": { enforcementLevel: "disabled" },
      "silo-rds-instance-backup-retention": { enforcementLevel: "mandatory", minimumDays: 14 },
    };

    // Act
    const validated = validatePolicyConfig(allRules, config, source);

    // Assess
    expect(validated).toEqual(config);
  });

  it.each([
    [
      [],
      `${source}: is [] (an array); write a JSON object of policy name to settings, e.g. {"silo-rds-instance-backup-retention": {"minimumDays": 35}}.`,
    ],
    [
      { "silo-rds-backup-retention": { minimumDays: 35 } },
      `${source}: names policy "silo-rds-backup-retention", which the pack does not have; use a rule name from docs/policies.md.`,
    ],
    [
      { "silo-kms-key-rotation": "strict" },
      `${source}: policy "silo-kms-key-rotation" has enforcementLevel "strict" (a string); set it to one of advisory, mandatory, disabled.`,
    ],
    [
      { "silo-kms-key-rotation": { enforcementLevel: "remediate" } },
      `${source}: policy "silo-kms-key-rotation" has enforcementLevel "remediate" (a string); set it to one of advisory, mandatory, disabled.`,
    ],
    [
      { "silo-kms-key-rotation": 1 },
      `${source}: policy "silo-kms-key-rotation" is set to 1 (a number); set it to an enforcement level or an object such as {"enforcementLevel": "mandatory"}.`,
    ],
    [
      { "silo-kms-key-rotation": { days: 365 } },
      `${source}: policy "silo-kms-key-rotation" has no setting "days"; it takes only enforcementLevel.`,
    ],
    [
      { "silo-rds-instance-backup-retention": { minimumdays: 35 } },
      `${source}: policy "silo-rds-instance-backup-retention" has no setting "minimumdays"; its settings are minimumDays (and enforcementLevel).`,
    ],
    [
      { "silo-rds-instance-backup-retention": { minimumDays: "35" } },
      `${source}: policy "silo-rds-instance-backup-retention" setting "minimumDays" is "35" (a string); set it to an integer, e.g. 7.`,
    ],
    [
      { "silo-rds-instance-backup-retention": { minimumDays: 7.5 } },
      `${source}: policy "silo-rds-instance-backup-retention" setting "minimumDays" is 7.5 (a number); set it to an integer, e.g. 7.`,
    ],
    [
      { "silo-rds-instance-backup-retention": { minimumDays: 36 } },
      `${source}: policy "silo-rds-instance-backup-retention" setting "minimumDays" is 36 (a number); set it to at most 35, e.g. 7.`,
    ],
  ])("rejects %j", (config, message) => {
    // Act
    const validate = () => validatePolicyConfig(allRules, config, source);

    // Assess
    expect(validate).toThrow(PolicyConfigError);
    expect(validate).toThrow(expect.objectContaining({ code: "POLICY_CONFIG_INVALID", message }));
  });
});
