import { describe, expect, it } from "vitest";
import { normaliseStatements } from "../../../policies/analysis/normaliseStatements.ts";
import {
  statementAllows,
  statementDenies,
  statementsAllow,
} from "../../../policies/analysis/statementAllows.ts";

const read = "secretsmanager:GetSecretValue";
const initechLedger = "arn:aws:secretsmanager:us-east-1:123456789012:secret:/silo/initech/ledger-role-AbCd";
const globexLedger = "arn:aws:secretsmanager:us-east-1:123456789012:secret:/silo/globex/ledger-role-AbCd";

function statements(...written: Record<string, unknown>[]) {
  return normaliseStatements({ Version: "2012-10-17", Statement: written }) ?? [];
}

describe("statementAllows", () => {
  it.each([
    [
      {
        Effect: "Allow",
        Action: "SecretsManager:GetSecretValue",
        Resource: "arn:aws:secretsmanager:*:*:secret:*",
      },
      true,
    ],
    [
      {
        Effect: "Allow",
        Action: "secretsmanager:Get*",
        Resource: "arn:aws:secretsmanager:*:*:secret:/silo/*",
      },
      true,
    ],
    [{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }, true],
    [{ Effect: "Allow", Action: "*", NotResource: "arn:aws:s3:::audit/*" }, true],
    [{ Effect: "Allow", Action: read, Resource: "arn:aws:secretsmanager:*:*:secret:/silo/globex/*" }, false],
    [{ Effect: "Allow", Action: "secretsmanager:DescribeSecret", Resource: "*" }, false],
    [{ Effect: "Deny", Action: "*", Resource: "*" }, false],
  ])("%j allows reading initech's ledger secret: %s", (written, expected) => {
    // Prepare
    const [statement] = statements(written);
    if (statement === undefined) throw new Error("no statement");

    // Act
    const allowed = statementAllows(statement, read, initechLedger);

    // Assess
    expect(allowed).toBe(expected);
  });
});

describe("statementsAllow", () => {
  it("lets an unconditional Deny win over an Allow", () => {
    // Prepare
    const document = statements(
      { Effect: "Allow", Action: "secretsmanager:*", Resource: "*" },
      { Effect: "Deny", Action: read, NotResource: "arn:aws:secretsmanager:*:*:secret:/silo/globex/*" },
    );

    // Act
    const allowed = [initechLedger, globexLedger].map((secret) => statementsAllow(document, read, secret));

    // Assess
    expect(allowed).toEqual([false, true]);
  });

  it("does not count on a Deny with conditions", () => {
    // Prepare
    const [deny] = statements({
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
    if (deny === undefined) throw new Error("no statement");

    // Act
    const denied = statementDenies(deny, read, initechLedger);

    // Assess
    expect(denied).toBe(false);
  });
});
