import { describe, expect, it } from "vitest";
import { lambdaTrustPolicy, tenantFunctionPolicy } from "../../../components/functions/functionPolicies.ts";
import { policyCarrierTypes, policyDocuments } from "../../../policies/analysis/policyDocuments.ts";

const aws = { accountId: "123456789012", region: "us-east-1", partition: "aws" };
const functionArn = "arn:aws:lambda:us-east-1:123456789012:function:silo-globex-chat";
const grants = {
  logGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/silo-globex-chat",
  keyArn: "arn:aws:kms:us-east-1:123456789012:key/globex-key-id",
  databaseSecretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1234",
  ledgerSecretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:/silo/globex/ledger-role-AbCd",
  providerKeySecretArns: [],
  inferenceProfileArns: [],
  foundationModelArns: [],
};
const readAnySecret = { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" };

describe("policyDocuments", () => {
  it.each([
    ["aws:iam/rolePolicy:RolePolicy", { role: "silo-globex-chat" }, ["silo-globex-chat"]],
    ["aws:iam/userPolicy:UserPolicy", { user: "ci" }, ["ci"]],
    ["aws:iam/groupPolicy:GroupPolicy", { group: "developers" }, ["developers"]],
    ["aws:iam/policy:Policy", {}, []],
  ])("reads the identity policy of a %s, as text or as an object", (type, props, attachedTo) => {
    // Act
    const fromText = policyDocuments({
      type,
      props: { ...props, policy: JSON.stringify({ Statement: readAnySecret }) },
    });
    const fromObject = policyDocuments({ type, props: { ...props, policy: { Statement: [readAnySecret] } } });

    // Assess
    expect(fromText).toEqual(fromObject);
    expect(fromText).toMatchObject([
      {
        kind: "identity",
        property: "policy",
        attachedTo,
        statements: [{ effect: "Allow", actions: ["secretsmanager:GetSecretValue"], resources: ["*"] }],
      },
    ]);
  });

  it("reads a role's trust policy, inline policies and managed policy ARNs", () => {
    // Act
    const documents = policyDocuments({
      type: "aws:iam/role:Role",
      props: {
        name: "silo-globex-chat",
        assumeRolePolicy: JSON.stringify(lambdaTrustPolicy(aws)),
        inlinePolicies: [{ name: "chat", policy: JSON.stringify(tenantFunctionPolicy("chat", grants)) }],
        managedPolicyArns: [
          "arn:aws:iam::aws:policy/SecretsManagerReadWrite",
          "arn:aws:iam::123456789012:policy/silo-globex-extra",
        ],
      },
    });

    // Assess
    expect(documents.map(({ kind, property }) => `${kind} ${property}`)).toEqual([
      "trust assumeRolePolicy",
      "identity inlinePolicies[0].policy",
      "managed managedPolicyArns[0]",
      "managed managedPolicyArns[1]",
    ]);
    expect(documents[0]?.statements?.[0]?.principals.service).toEqual(["lambda.amazonaws.com"]);
    expect(documents[1]?.attachedTo).toEqual(["silo-globex-chat"]);
    expect(documents[2]?.managedPolicy?.name).toBe("SecretsManagerReadWrite");
    expect(documents[2]?.statements?.[0]?.actions).toContain("secretsmanager:*");
    expect(documents[3]).toMatchObject({
      policyArn: "arn:aws:iam::123456789012:policy/silo-globex-extra",
      statements: undefined,
    });
  });

  it.each([
    ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: "silo-globex-chat" }, ["silo-globex-chat"]],
    ["aws:iam/userPolicyAttachment:UserPolicyAttachment", { user: "ci" }, ["ci"]],
    ["aws:iam/groupPolicyAttachment:GroupPolicyAttachment", { group: "developers" }, ["developers"]],
    [
      "aws:iam/policyAttachment:PolicyAttachment",
      { roles: ["a"], users: ["b"], groups: ["c"] },
      ["a", "b", "c"],
    ],
  ])("reads the managed policy a %s attaches", (type, props, attachedTo) => {
    // Act
    const documents = policyDocuments({
      type,
      props: { ...props, policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" },
    });

    // Assess
    expect(documents).toMatchObject([
      {
        kind: "managed",
        property: "policyArn",
        policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
        attachedTo,
        statements: [{ effect: "Allow", actions: ["*"], resources: ["*"] }],
      },
    ]);
  });

  it.each([
    ["aws:secretsmanager/secretPolicy:SecretPolicy", "resource"],
    ["aws:kms/key:Key", "key"],
    ["aws:kms/keyPolicy:KeyPolicy", "key"],
    ["aws:s3/bucketPolicy:BucketPolicy", "resource"],
    ["aws:apigateway/restApiPolicy:RestApiPolicy", "resource"],
    ["aws:apigateway/restApi:RestApi", "resource"],
  ])("reads the %s policy as a %s policy", (type, kind) => {
    // Act
    const documents = policyDocuments({
      type,
      props: {
        policy: JSON.stringify({
          Statement: [
            {
              Effect: "Allow",
              Principal: { AWS: "arn:aws:iam::123456789012:role/silo-initech-chat" },
              Action: "*",
              Resource: "*",
            },
          ],
        }),
      },
    });

    // Assess
    expect(documents).toMatchObject([
      {
        kind,
        property: "policy",
        statements: [{ principals: { aws: ["arn:aws:iam::123456789012:role/silo-initech-chat"] } }],
      },
    ]);
  });

  it("leaves out a key with the default key policy", () => {
    // Act
    const documents = policyDocuments({ type: "aws:kms/key:Key", props: { description: "default policy" } });

    // Assess
    expect(documents).toEqual([]);
  });

  it("reads a KMS grant as the statement it amounts to", () => {
    // Act
    const [grant] = policyDocuments({
      type: "aws:kms/grant:Grant",
      props: {
        keyId: "arn:aws:kms:us-east-1:123456789012:key/globex-key-id",
        granteePrincipal: "arn:aws:iam::123456789012:role/silo-initech-chat",
        operations: ["Decrypt", "GenerateDataKey"],
        retiringPrincipal: "arn:aws:iam::123456789012:role/ci-deployer",
        constraints: [{ encryptionContextEquals: { tenant: "globex" } }],
      },
    });

    // Assess
    expect(grant).toMatchObject({
      kind: "grant",
      statements: [
        {
          effect: "Allow",
          actions: ["kms:Decrypt", "kms:GenerateDataKey"],
          resources: ["arn:aws:kms:us-east-1:123456789012:key/globex-key-id"],
          principals: { aws: ["arn:aws:iam::123456789012:role/silo-initech-chat"] },
          conditions: [{ operator: "StringEquals", key: "kms:EncryptionContext:tenant", values: ["globex"] }],
        },
        { actions: ["kms:RetireGrant"], principals: { aws: ["arn:aws:iam::123456789012:role/ci-deployer"] } },
      ],
    });
  });

  it.each([
    ["apigateway.amazonaws.com", { service: ["apigateway.amazonaws.com"], anyone: false }],
    ["*", { anyone: true }],
    ["210987654321", { aws: ["210987654321"], anyone: false }],
  ])("reads a Lambda permission for %s as a function-policy statement", (principal, principals) => {
    // Act
    const [permission] = policyDocuments({
      type: "aws:lambda/permission:Permission",
      props: {
        function: functionArn,
        action: "lambda:InvokeFunction",
        principal,
        qualifier: "live",
        sourceArn: "arn:aws:execute-api:us-east-1:123456789012:abc123/*/*",
      },
    });

    // Assess
    expect(permission).toMatchObject({
      kind: "resource",
      statements: [
        {
          actions: ["lambda:InvokeFunction"],
          resources: [`${functionArn}:live`],
          principals,
          conditions: [
            {
              operator: "ArnLike",
              key: "AWS:SourceArn",
              values: ["arn:aws:execute-api:us-east-1:123456789012:abc123/*/*"],
            },
          ],
        },
      ],
    });
  });

  it("lists a required document it cannot read yet, without statements", () => {
    // Act
    const documents = policyDocuments({ type: "aws:iam/rolePolicy:RolePolicy", props: { role: "r" } });

    // Assess
    expect(documents).toEqual([
      { kind: "identity", property: "policy", statements: undefined, attachedTo: ["r"] },
    ]);
  });

  it("finds none on a resource that carries no policy", () => {
    // Act
    const documents = policyDocuments({ type: "aws:rds/instance:Instance", props: { engine: "postgres" } });

    // Assess
    expect(documents).toEqual([]);
    expect(policyCarrierTypes).toContain(
      "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
    );
  });
});
