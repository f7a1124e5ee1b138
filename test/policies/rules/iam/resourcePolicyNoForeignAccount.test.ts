import { describe, expect, it } from "vitest";
import { resourcePolicyNoForeignAccount } from "../../../../policies/rules/iam/resourcePolicyNoForeignAccount.ts";
import { stackViolationsOf, testResource } from "../../support/evaluateRule.ts";

const home = "123456789012";
const foreign = "210987654321";
const logGroup = testResource({
  type: "aws:cloudwatch/logGroup:LogGroup",
  name: "globex-api-access",
  inputs: { name: "/silo/globex/api-access", kmsKeyId: `arn:aws:kms:us-east-1:${home}:key/globex` },
});

function secretPolicy(principal: unknown, condition?: Record<string, unknown>) {
  return testResource({
    type: "aws:secretsmanager/secretPolicy:SecretPolicy",
    name: "globex-ledger-secret-policy",
    inputs: {
      secretArn: "secret-globex",
      policy: JSON.stringify({
        Statement: [
          {
            Effect: "Allow",
            Principal: principal,
            Action: "secretsmanager:GetSecretValue",
            Resource: "*",
            ...(condition === undefined ? {} : { Condition: condition }),
          },
        ],
      }),
    },
  });
}

describe("resourcePolicyNoForeignAccount", () => {
  it.each([
    ["a role of the stack's account", secretPolicy({ AWS: `arn:aws:iam::${home}:role/silo-globex-ledger` })],
    ["the account's root", secretPolicy({ AWS: home })],
    ["* narrowed by a condition", secretPolicy("*", { StringEquals: { "aws:PrincipalAccount": home } })],
    ["a service principal", secretPolicy({ Service: "lambda.amazonaws.com" })],
  ])("passes %s", async (_what, policy) => {
    // Act
    const violations = await stackViolationsOf(resourcePolicyNoForeignAccount, [logGroup, policy]);

    // Assess
    expect(violations).toEqual([]);
  });

  it("reports a role of another account", async () => {
    // Act
    const violations = await stackViolationsOf(resourcePolicyNoForeignAccount, [
      logGroup,
      secretPolicy({ AWS: `arn:aws:iam::${foreign}:role/reader` }),
    ]);

    // Assess
    expect(violations).toEqual([
      [
        "globex-ledger-secret-policy",
        `globex-ledger-secret-policy: policy statement 0 lets in "arn:aws:iam::${foreign}:role/reader" (account ${foreign}), while the stack names account ${home}; allow only principals of this account, or list the account in trustedAccountIds.`,
      ],
    ]);
  });

  it("passes an account listed in trustedAccountIds", async () => {
    // Act
    const violations = await stackViolationsOf(
      resourcePolicyNoForeignAccount,
      [logGroup, secretPolicy({ AWS: `arn:aws:iam::${foreign}:role/auditor` })],
      { "silo-iam-resource-policy-no-foreign-account": { trustedAccountIds: [foreign] } },
    );

    // Assess
    expect(violations).toEqual([]);
  });

  it("reports * without a condition", async () => {
    // Act
    const violations = await stackViolationsOf(resourcePolicyNoForeignAccount, [logGroup, secretPolicy("*")]);

    // Assess
    expect(violations).toEqual([
      [
        "globex-ledger-secret-policy",
        `globex-ledger-secret-policy: policy statement 0 lets in "*" (every account) without a condition, while the stack names account ${home}; allow only principals of this account, or list the account in trustedAccountIds.`,
      ],
    ]);
  });

  it("reports a Lambda permission for another account, and a KMS grant to one", async () => {
    // Act
    const violations = await stackViolationsOf(resourcePolicyNoForeignAccount, [
      logGroup,
      testResource({
        type: "aws:lambda/permission:Permission",
        name: "globex-chat-invoke",
        inputs: { action: "lambda:InvokeFunction", function: "silo-globex-chat", principal: foreign },
      }),
      testResource({
        type: "aws:kms/grant:Grant",
        name: "globex-key-grant",
        inputs: {
          keyId: "key-globex",
          operations: ["Decrypt"],
          granteePrincipal: `arn:aws:iam::${foreign}:role/x`,
        },
      }),
    ]);

    // Assess
    expect(violations).toEqual([
      [
        "globex-chat-invoke",
        `globex-chat-invoke: principal statement 0 lets in "${foreign}" (account ${foreign}), while the stack names account ${home}; allow only principals of this account, or list the account in trustedAccountIds.`,
      ],
      [
        "globex-key-grant",
        `globex-key-grant: operations statement 0 lets in "arn:aws:iam::${foreign}:role/x" (account ${foreign}), while the stack names account ${home}; allow only principals of this account, or list the account in trustedAccountIds.`,
      ],
    ]);
  });

  it("treats every named account as foreign when the stack names none of its own", async () => {
    // Act
    const violations = await stackViolationsOf(resourcePolicyNoForeignAccount, [
      secretPolicy({ AWS: foreign }),
    ]);

    // Assess
    expect(violations.map(([, message]) => message)).toEqual([
      `globex-ledger-secret-policy: policy statement 0 lets in "${foreign}" (account ${foreign}), while the stack names no account of its own; allow only principals of this account, or list the account in trustedAccountIds.`,
    ]);
  });

  it("leaves * on bucket policies to silo-s3-bucket-policy-not-public", async () => {
    // Act
    const violations = await stackViolationsOf(resourcePolicyNoForeignAccount, [
      logGroup,
      testResource({
        type: "aws:s3/bucketPolicy:BucketPolicy",
        name: "globex-exports",
        inputs: {
          bucket: "silo-globex-exports",
          policy: JSON.stringify({
            Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }],
          }),
        },
      }),
    ]);

    // Assess
    expect(violations).toEqual([]);
  });
});
