import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { policyCatalogue } from "../../policies/catalogue.ts";
import { loadPolicyProfile } from "../../policies/profiles/loadPolicyProfile.ts";
import { allRules } from "../../policies/rules/allRules.ts";
import { instanceBackupRetention } from "../../policies/rules/rds/instanceBackupRetention.ts";
import { instanceNotPublic } from "../../policies/rules/rds/instanceNotPublic.ts";

const profiles = {
  baseline: await loadPolicyProfile("baseline"),
  regulated: await loadPolicyProfile("regulated"),
};

describe("policyCatalogue", () => {
  it("lists a rule with its enforcement, severity and controls", () => {
    // Act
    const catalogue = policyCatalogue([instanceNotPublic], profiles);
    const row =
      catalogue.split("\n").find((line) => line.includes("silo-rds-instance-no-public-access")) ?? "";

    // Assess
    expect(row.split("|").map((text) => text.trim())).toEqual([
      "",
      "[`silo-rds-instance-no-public-access`](https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-2)",
      "resource",
      "mandatory",
      "mandatory",
      "critical",
      "RDS.2",
      "AC-3, AC-4, AC-21, SC-7",
      "RDS instances must not be publicly accessible.",
      "",
    ]);
  });

  it("shows a rule's level and threshold under each profile", () => {
    // Act
    const row =
      policyCatalogue([instanceBackupRetention], profiles)
        .split("\n")
        .find((line) => line.includes("silo-rds-instance-backup-retention")) ?? "";

    // Assess
    expect(
      row
        .split("|")
        .map((text) => text.trim())
        .slice(2, 5),
    ).toEqual(["resource", "mandatory, minimumDays 7", "mandatory, minimumDays 35"]);
  });

  it("pads the table's columns as the formatter does", () => {
    // Act
    const tableLines = policyCatalogue([instanceNotPublic], profiles)
      .split("\n")
      .filter((line) => line.startsWith("|"));

    // Assess
    expect(tableLines).toHaveLength(3);
    expect(new Set(tableLines.map((line) => line.length)).size).toBe(1);
  });

  it("matches docs/policies.md (regenerate with `npx silo policy docs`)", async () => {
    // Prepare
    const written = await readFile(new URL("../../docs/policies.md", import.meta.url), "utf8");

    // Assess
    expect(written).toBe(policyCatalogue(allRules, profiles));
  });
});
