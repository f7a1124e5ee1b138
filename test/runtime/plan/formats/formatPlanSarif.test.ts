import { createRequire } from "node:module";
import AjvDraft04 from "ajv-draft-04";
import type { Log } from "sarif";
import { describe, expect, it } from "vitest";
import { allRules } from "../../../../policies/rules/allRules.ts";
import { formatPlanSarif } from "../../../../runtime/plan/formats/formatPlanSarif.ts";
import { awsNameLimits } from "../../../../runtime/plan/nameLimits/awsNameLimits.ts";
import { planReportFixture } from "./planReportFixture.ts";

// The SARIF 2.1.0 JSON schema (draft-04), as Microsoft's SARIF tooling ships it. Its `language` pattern
// is not a valid Unicode-mode regular expression, hence `unicodeRegExp: false`.
const require = createRequire(import.meta.url);
const sarifSchema = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
// ajv-draft-04 is CommonJS: its default import is the class itself, though its typings say `.default`.
const Ajv = AjvDraft04 as unknown as typeof AjvDraft04.default;
const validateSarif = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false }).compile(sarifSchema);

describe("formatPlanSarif", () => {
  it("writes a log that the SARIF 2.1.0 schema accepts", () => {
    // Act
    const log = JSON.parse(formatPlanSarif(planReportFixture, allRules));

    // Assess
    const valid = validateSarif(log);
    expect(validateSarif.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("is checked by a validator that refuses a log without runs", () => {
    expect(validateSarif({ version: "2.1.0" })).toBe(false);
  });

  it("describes every rule of the pack and reports each violation at its stack's file and resource", () => {
    // Act
    const log = JSON.parse(formatPlanSarif(planReportFixture, allRules)) as Log;

    // Assess
    const run = log.runs[0];
    expect(run?.tool.driver.rules?.map((rule) => rule.id)).toEqual(allRules.map((rule) => rule.name));
    expect(run?.results?.map((result) => [result.ruleId, result.level])).toEqual([
      ["silo-rds-instance-no-public-access", "error"],
      ["silo-rds-instance-deletion-protection", "warning"],
    ]);
    const first = run?.results?.[0];
    expect(first?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe("tenants/globex.yaml");
    expect(first?.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName).toBe(
      planReportFixture.stacks[1]?.violations[0]?.urn,
    );
    expect(run?.tool.driver.rules?.[first?.ruleIndex ?? -1]?.id).toBe("silo-rds-instance-no-public-access");
  });

  it("reports each name AWS would refuse in a second run, under the limit it breaks", () => {
    // Act
    const log = JSON.parse(formatPlanSarif(planReportFixture, allRules)) as Log;

    // Assess
    const run = log.runs[1];
    expect(run?.tool.driver.name).toBe("silo-kit AWS name limits");
    expect(run?.tool.driver.rules).toHaveLength(awsNameLimits.length);
    expect(run?.results?.map((result) => [result.ruleId, result.level])).toEqual([
      ["aws:rds/instance:Instance#username", "error"],
    ]);
    const result = run?.results?.[0];
    expect(run?.tool.driver.rules?.[result?.ruleIndex ?? -1]?.helpUri).toBe(
      "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html",
    );
    expect(result?.message.text).toMatch(/^tenant-globex: username "silo_globex_admin" .* is 17 characters;/);
    expect(result?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe("tenants/globex.yaml");
  });

  it("gives each violation a stable fingerprint that differs between violations", () => {
    // Act
    const fingerprints = [1, 2].map(() =>
      (JSON.parse(formatPlanSarif(planReportFixture, allRules)) as Log).runs[0]?.results?.map(
        (result) => result.partialFingerprints?.["siloPolicyViolation/v1"],
      ),
    );

    // Assess
    expect(fingerprints[0]).toEqual(fingerprints[1]);
    expect(new Set(fingerprints[0]).size).toBe(2);
  });
});
