import { describe, expect, it } from "vitest";
import { normaliseStatements } from "../../../policies/analysis/normaliseStatements.ts";
import { publicStatements } from "../../../policies/analysis/publicStatements.ts";

function statementsOf(...statements: Record<string, unknown>[]) {
  return normaliseStatements({ Version: "2012-10-17", Statement: statements }) ?? [];
}

describe("publicStatements", () => {
  it.each([
    [
      "a named principal",
      { Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/r" }, Action: "s3:GetObject" },
    ],
    [
      "* with a condition",
      {
        Effect: "Allow",
        Principal: "*",
        Action: "s3:GetObject",
        Condition: { StringEquals: { "aws:SourceVpce": "vpce-1" } },
      },
    ],
    ["a Deny for *", { Effect: "Deny", Principal: "*", Action: "s3:*" }],
  ])("finds nothing in %s", (_what, statement) => {
    // Act / Assess
    expect(publicStatements(statementsOf(statement))).toEqual([]);
  });

  it.each([
    [
      { Sid: "Open", Effect: "Allow", Principal: "*", Action: "s3:GetObject" },
      "statement Open allows s3:GetObject to every principal without a condition",
    ],
    [
      { Effect: "Allow", Principal: { AWS: "*" }, Action: ["s3:GetObject", "s3:PutObject"] },
      "statement 0 allows s3:GetObject, s3:PutObject to every principal without a condition",
    ],
    [
      {
        Effect: "Allow",
        NotPrincipal: { AWS: "arn:aws:iam::123456789012:role/r" },
        NotAction: "s3:DeleteObject",
      },
      "statement 0 allows every action but NotAction to every principal without a condition",
    ],
  ])("reports %j", (statement, line) => {
    // Act / Assess
    expect(publicStatements(statementsOf(statement))).toEqual([line]);
  });
});
