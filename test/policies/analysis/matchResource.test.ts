import { describe, expect, it } from "vitest";
import { resourceMatches, statementCoversResource } from "../../../policies/analysis/matchResource.ts";
import { normaliseStatements } from "../../../policies/analysis/normaliseStatements.ts";

const secret = (name: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}`;
const initechLedger = secret("/silo/initech/ledger-role-AbCd");

function statement(written: Record<string, unknown>) {
  const [first] = normaliseStatements({ Statement: [{ Effect: "Allow", Action: "*", ...written }] }) ?? [];
  if (first === undefined) throw new Error("test statement has no Effect");
  return first;
}

describe("resourceMatches", () => {
  it.each([
    ["*", initechLedger, true],
    ["arn:aws:secretsmanager:*:*:secret:*", initechLedger, true],
    ["arn:aws:secretsmanager:us-east-1:123456789012:secret:/silo/*", initechLedger, true],
    ["arn:aws:secretsmanager:us-east-1:123456789012:secret:/silo/globex/*", initechLedger, false],
    [
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:/silo/initech/ledger-role-??????",
      secret("/silo/initech/ledger-role-AbCdEf"),
      true,
    ],
    [
      "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/silo-acme-*",
      "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/silo-acme-health-chat:*",
      true,
    ],
    ["arn:aws:kms:us-east-1:123456789012:key/abc", "arn:aws:kms:us-east-1:123456789012:key/ABC", false],
    ["arn:aws:kms:*:*:key/*", "arn:aws:kms:us-east-1:123456789012:key/abc", true],
  ])("%s covers %s: %s", (pattern, resource, expected) => {
    // Act
    const matched = resourceMatches(pattern, resource);

    // Assess
    expect(matched).toBe(expected);
  });
});

describe("statementCoversResource", () => {
  it.each([
    [{ Resource: [secret("/silo/globex/*")] }, false],
    [{ Resource: "*" }, true],
    [{ NotResource: secret("/silo/globex/*") }, true],
    [{ NotResource: secret("/silo/*") }, false],
    [{ Principal: { AWS: "arn:aws:iam::123456789012:role/x" } }, true],
  ])("%j covers initech's ledger secret: %s", (written, expected) => {
    // Act
    const covered = statementCoversResource(statement(written), initechLedger);

    // Assess
    expect(covered).toBe(expected);
  });
});
