import { describe, expect, it } from "vitest";
import {
  awsManagedPolicies,
  awsManagedPolicy,
  isAwsManagedPolicyArn,
} from "../../../policies/analysis/awsManagedPolicies.ts";
import { allowedActions } from "../../../policies/analysis/matchAction.ts";
import { statementsAllow } from "../../../policies/analysis/statementAllows.ts";

const initechLedger = "arn:aws:secretsmanager:us-east-1:123456789012:secret:/silo/initech/ledger-role-AbCd";

describe("awsManagedPolicy", () => {
  it.each([
    ["arn:aws:iam::aws:policy/AdministratorAccess", "AdministratorAccess"],
    ["arn:aws-us-gov:iam::aws:policy/SecretsManagerReadWrite", "SecretsManagerReadWrite"],
    ["arn:aws:iam::aws:policy/AWSLambda_FullAccess", "AWSLambda_FullAccess"],
  ])("knows %s", (arn, name) => {
    // Act
    const policy = awsManagedPolicy(arn);

    // Assess
    expect(policy?.name).toBe(name);
    expect(policy?.url).toBe(`https://docs.aws.amazon.com/aws-managed-policy/latest/reference/${name}.html`);
  });

  it.each([
    "arn:aws:iam::123456789012:policy/AdministratorAccess",
    "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
    "AdministratorAccess",
  ])("does not list %s", (arn) => {
    // Act
    const policy = awsManagedPolicy(arn);

    // Assess
    expect(policy).toBeUndefined();
  });

  it.each([
    ["AdministratorAccess", true],
    ["PowerUserAccess", true],
    ["SecretsManagerReadWrite", true],
    ["AmazonRDSFullAccess", false],
    ["AWSKeyManagementServicePowerUser", false],
  ])("says whether %s lets a role read another tenant's secret: %s", (name, expected) => {
    // Prepare
    const policy = awsManagedPolicies.get(name);

    // Act
    const allowed = statementsAllow(policy?.statements ?? [], "secretsmanager:GetSecretValue", initechLedger);

    // Assess
    expect(allowed).toBe(expected);
  });

  it("reads PowerUserAccess as everything but IAM, Organizations and Account", () => {
    // Prepare
    const [everythingBut] = awsManagedPolicies.get("PowerUserAccess")?.statements ?? [];
    if (everythingBut === undefined) throw new Error("no statement");

    // Act
    const allowed = allowedActions(everythingBut, [
      "kms:Decrypt",
      "bedrock:InvokeModel",
      "iam:AttachRolePolicy",
    ]);

    // Assess
    expect(allowed).toEqual(["kms:Decrypt", "bedrock:InvokeModel"]);
  });

  it("tells an AWS managed policy ARN from a customer managed one", () => {
    // Act
    const found = [
      "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
      "arn:aws:iam::123456789012:policy/silo-globex-chat",
    ].map(isAwsManagedPolicyArn);

    // Assess
    expect(found).toEqual([true, false]);
  });
});
