import { describe, expect, it } from "vitest";
import { formatPlanJson } from "../../../../runtime/plan/formats/formatPlanJson.ts";
import { planReportFixture } from "./planReportFixture.ts";

describe("formatPlanJson", () => {
  it("writes the documented shape: stacks with resources, violations and refused names", () => {
    // Act
    const json = JSON.parse(formatPlanJson(planReportFixture));

    // Assess
    expect(json.stacks.map((stack: { name: string }) => stack.name)).toEqual(["shared", "tenant-globex"]);
    expect(json.stacks[1].resources[0]).toEqual({
      type: "aws:rds/instance:Instance",
      name: "globex-db",
      urn: planReportFixture.stacks[1]?.resources[0]?.urn,
      parent: "urn:pulumi:tenant-globex::silo-kit::pulumi:pulumi:Stack::silo-kit-tenant-globex",
      dependencies: ["urn:pulumi:tenant-globex::silo-kit::aws:kms/key:Key::globex-key"],
      inputs: { publiclyAccessible: true, deletionProtection: false, username: "silo_globex_admin" },
    });
    expect(json.stacks[0].resources[0].parent).toBeNull();
    expect(json.stacks[1].violations[0]).toEqual({
      policy: "silo-rds-instance-no-public-access",
      enforcementLevel: "mandatory",
      severity: "critical",
      urn: planReportFixture.stacks[1]?.resources[0]?.urn,
      message: "publiclyAccessible is true; set it to false | keep it private.",
    });
    expect(json.stacks[0].nameFindings).toEqual([]);
    expect(json.stacks[1].nameFindings).toEqual([
      {
        urn: planReportFixture.stacks[1]?.resources[0]?.urn,
        resource: "globex-db",
        type: "aws:rds/instance:Instance",
        property: "username",
        value: "silo_globex_admin",
        kind: "maxLength",
        awsParameter: "CreateDBInstance MasterUsername",
        rule: "1 to 16 letters, digits or underscores, the first a letter",
        problem: "is 17 characters; AWS accepts at most 16",
        fix: "shorten it by 1 to at most 16 characters",
        url: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html",
      },
    ]);
  });
});
