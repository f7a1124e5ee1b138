import { describe, expect, it } from "vitest";
import { formatPlanText } from "../../../../runtime/plan/formats/formatPlanText.ts";
import { planReportFixture } from "./planReportFixture.ts";

describe("formatPlanText", () => {
  it("prints a line per stack, each violation with its level, policy and resource, each name AWS refuses with its fix, then the totals", () => {
    // Act
    const lines = formatPlanText(planReportFixture).split("\n");

    // Assess
    expect(lines[0]).toBe("shared (baseline): 1 resources, no violations");
    expect(lines[1]).toBe("tenant-globex (baseline): 1 resources, 2 violation(s), 1 name finding(s)");
    expect(lines[2]).toMatch(
      /^ {2}mandatory {2}silo-rds-instance-no-public-access {2}urn:pulumi:tenant-globex::.*::globex-db$/,
    );
    expect(lines[3]).toBe("             publiclyAccessible is true; set it to false | keep it private.");
    expect(lines[4]).toMatch(/^ {2}advisory {3}silo-rds-instance-deletion-protection/);
    expect(lines[6]).toMatch(
      /^ {2}name {7}aws:rds\/instance:Instance {2}urn:pulumi:tenant-globex::.*::globex-db$/,
    );
    expect(lines[7]).toBe(
      '             username "silo_globex_admin" (CreateDBInstance MasterUsername) is 17 characters; AWS accepts at most 16: ' +
        "shorten it by 1 to at most 16 characters (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html)",
    );
    expect(lines.at(-2)).toBe("2 stacks, 2 resources: 1 mandatory violation, 1 advisory, 1 name finding");
  });
});
