import { describe, expect, it } from "vitest";
import {
  actionMatches,
  actionService,
  allowedActions,
  notActionExcludesService,
  statementCoversAction,
} from "../../../policies/analysis/matchAction.ts";
import { normaliseStatements } from "../../../policies/analysis/normaliseStatements.ts";

/** The statement a client engineer wrote, as JSON. */
function statement(written: Record<string, unknown>) {
  const [first] = normaliseStatements({ Statement: [written] }) ?? [];
  if (first === undefined) throw new Error("test statement has no Effect");
  return first;
}

const interesting = ["secretsmanager:GetSecretValue", "kms:Decrypt", "bedrock:InvokeModel", "iam:PassRole"];

describe("actionMatches", () => {
  it.each([
    ["secretsmanager:GetSecretValue", "secretsmanager:GetSecretValue", true],
    ["SecretsManager:GetSecretValue", "secretsmanager:GetSecretValue", true],
    ["secretsmanager:getsecretvalue", "secretsmanager:GetSecretValue", true],
    ["secretsmanager:Get*", "secretsmanager:GetSecretValue", true],
    ["secretsmanager:*", "secretsmanager:GetSecretValue", true],
    ["*", "kms:Decrypt", true],
    ["kms:*crypt", "kms:Decrypt", true],
    ["kms:Decrypt", "kms:DecryptData", false],
    ["secretsmanager:Describe*", "secretsmanager:GetSecretValue", false],
    ["s3:*", "secretsmanager:GetSecretValue", false],
  ])("%s covers %s: %s", (pattern, action, expected) => {
    // Act
    const matched = actionMatches(pattern, action);

    // Assess
    expect(matched).toBe(expected);
  });
});

describe("statementCoversAction", () => {
  it("reads NotAction as every action it does not list", () => {
    // Prepare
    const broad = statement({ Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" });

    // Act
    const covered = ["secretsmanager:GetSecretValue", "IAM:PassRole"].map((action) =>
      statementCoversAction(broad, action),
    );

    // Assess
    expect(covered).toEqual([true, false]);
  });
});

describe("allowedActions", () => {
  it.each([
    [
      { Effect: "Allow", Action: "SecretsManager:GetSecretValue", Resource: "*" },
      ["secretsmanager:GetSecretValue"],
    ],
    [{ Effect: "Allow", Action: ["secretsmanager:Get*", "kms:*"], Resource: "*" }, interesting.slice(0, 2)],
    [{ Effect: "Allow", Action: "*", Resource: "*" }, interesting],
    [{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }, interesting.slice(0, 3)],
    [{ Effect: "Allow", NotAction: ["bedrock:*", "IAM:*"], Resource: "*" }, interesting.slice(0, 2)],
    [{ Effect: "Deny", Action: "*", Resource: "*" }, []],
    [{ Effect: "Allow", Action: ["ec2:CreateNetworkInterface", "logs:PutLogEvents"], Resource: "*" }, []],
  ])("finds in %j the actions %j", (written, expected) => {
    // Act
    const allowed = allowedActions(statement(written), interesting);

    // Assess
    expect(allowed).toEqual(expected);
  });
});

describe("actionService", () => {
  it.each([
    ["SecretsManager:GetSecretValue", "secretsmanager"],
    ["*", "*"],
    ["rds-db:connect", "rds-db"],
  ])("reads the service of %s as %s", (action, service) => {
    // Act
    const found = actionService(action);

    // Assess
    expect(found).toBe(service);
  });
});

describe("notActionExcludesService", () => {
  it.each([
    ["*", "kms", true],
    ["kms:*", "kms", true],
    ["KMS:*", "kms", true],
    ["k*:*", "kms", true],
    ["kms:Get*", "kms", false],
    ["iam:*", "kms", false],
  ])("reads NotAction %s as leaving none of %s's actions: %s", (pattern, service, excluded) => {
    // Act
    const read = notActionExcludesService(pattern, service);

    // Assess
    expect(read).toBe(excluded);
  });
});
