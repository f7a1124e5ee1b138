import { describe, expect, it } from "vitest";
import { formatPlanMarkdown } from "../../../../runtime/plan/formats/formatPlanMarkdown.ts";
import { planReportFixture } from "./planReportFixture.ts";

describe("formatPlanMarkdown", () => {
  it("tables the stacks, then the violations and refused names of each stack that has any, with pipes escaped", () => {
    // Act
    const markdown = formatPlanMarkdown(planReportFixture);

    // Assess
    expect(markdown).toContain("| shared | baseline | 1 | 0 | 0 | 0 |");
    expect(markdown).toContain("| tenant-globex | baseline | 1 | 1 | 1 | 1 |");
    expect(markdown).not.toContain("## shared");
    expect(markdown).toContain("## tenant-globex");
    expect(markdown).toContain(
      "| mandatory | `silo-rds-instance-no-public-access` | urn:pulumi:tenant-globex::silo-kit::pulumi:pulumi:Stack$silo:tenant:TenantSilo$aws:rds/instance:Instance::globex-db | publiclyAccessible is true; set it to false \\| keep it private. |",
    );
    expect(markdown).toContain(
      '| urn:pulumi:tenant-globex::silo-kit::pulumi:pulumi:Stack$silo:tenant:TenantSilo$aws:rds/instance:Instance::globex-db | `username` (CreateDBInstance MasterUsername) | "silo_globex_admin" | is 17 characters; AWS accepts at most 16 | shorten it by 1 to at most 16 characters ([AWS](https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html)) |',
    );
  });
});
