import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { logGroupArn } from "../../../components/common/awsContext.ts";
import type { PolicyDocument } from "../../../components/common/policyDocument.ts";
import { tenantFunctions, tenantResourceNames } from "../../../components/common/resourceNames.ts";
import {
  authorizerPolicy,
  lambdaTrustPolicy,
  ledgerAdminPolicy,
  type TenantGrants,
  tenantFunctionPolicy,
} from "../../../components/functions/functionPolicies.ts";
import { patternsMatching, tenantIdPrefixPairs, testAws } from "../support.ts";

const grants: TenantGrants = {
  logGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/silo-acme-chat",
  keyArn: "arn:aws:kms:us-east-1:123456789012:key/acme",
  databaseSecretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-acme",
  ledgerSecretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:/silo/acme/ledger-role-AbCdEf",
  providerKeySecretArns: ["arn:aws:secretsmanager:us-east-1:123456789012:secret:/silo/acme/providers/gpt-Xy"],
  inferenceProfileArns: ["arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/p1"],
  foundationModelArns: ["arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0"],
};

function resourcesFor(document: PolicyDocument, actionPrefix: string): string[] {
  return document.Statement.filter((statement) =>
    statement.Action.some((action) => action.startsWith(actionPrefix)),
  ).flatMap((statement) => statement.Resource ?? []);
}

describe("tenantFunctionPolicy", () => {
  it("never grants Bedrock, Secrets Manager or KMS on a wildcard resource", () => {
    for (const fn of tenantFunctions) {
      // Act
      const document = tenantFunctionPolicy(fn, grants);

      // Assess
      for (const prefix of ["bedrock:", "secretsmanager:", "kms:", "rds"]) {
        expect(resourcesFor(document, prefix).filter((resource) => resource.includes("*"))).toEqual([]);
      }
    }
  });

  it("lets only chat invoke models, on the tenant's profiles and their foundation models", () => {
    // Act
    const chat = tenantFunctionPolicy("chat", grants);
    const data = tenantFunctionPolicy("data", grants);

    // Assess
    expect(resourcesFor(chat, "bedrock:")).toEqual([
      ...grants.inferenceProfileArns,
      ...grants.foundationModelArns,
    ]);
    expect(
      chat.Statement.find((statement) => statement.Sid === "InvokeOwnInferenceProfiles")?.Action,
    ).toEqual(["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]);
    expect(resourcesFor(data, "bedrock:")).toEqual([]);
  });

  it("gives each function only the secrets its group reads", () => {
    // Act
    const secretsOf = (fn: (typeof tenantFunctions)[number]) =>
      resourcesFor(tenantFunctionPolicy(fn, grants), "secretsmanager:");

    // Assess
    expect(secretsOf("chat")).toEqual([
      grants.databaseSecretArn,
      grants.ledgerSecretArn,
      ...grants.providerKeySecretArns,
    ]);
    expect(secretsOf("data")).toEqual([grants.databaseSecretArn, grants.ledgerSecretArn]);
    expect(secretsOf("admin")).toEqual([grants.databaseSecretArn, grants.ledgerSecretArn]);
    expect(secretsOf("migrate")).toEqual([grants.databaseSecretArn]);
  });

  it("omits the Bedrock statement when the tenant has no Bedrock model", () => {
    // Act
    const chat = tenantFunctionPolicy("chat", {
      ...grants,
      inferenceProfileArns: [],
      foundationModelArns: [],
    });

    // Assess
    expect(chat.Statement.map((statement) => statement.Sid)).not.toContain("InvokeOwnInferenceProfiles");
  });

  it("has no pattern that matches a resource of a tenant whose id extends this one's", () => {
    // Act / Assess: for ids where one extends the other (`acme`, `acme-health`)
    fc.assert(
      fc.property(tenantIdPrefixPairs, ([shorter, longer]) => {
        const names = tenantResourceNames(shorter);
        const secret = (name: string) =>
          `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}-AbCdEf`;
        const own: TenantGrants = {
          ...grants,
          logGroupArn: logGroupArn(testAws, names.functionLogGroup("chat")),
          ledgerSecretArn: secret(names.ledgerRoleSecret),
          providerKeySecretArns: [secret(names.providerKeySecret("gpt"))],
        };
        for (const fn of tenantFunctions) {
          expect(patternsMatching(tenantFunctionPolicy(fn, own), longer)).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("shared roles", () => {
  it("lets the authorizer write only its own log streams", () => {
    // Act
    const document = authorizerPolicy(
      "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/silo-edge-authorizer",
    );

    // Assess
    expect(document.Statement).toHaveLength(1);
    expect(document.Statement[0]?.Action).toEqual(["logs:CreateLogStream", "logs:PutLogEvents"]);
    expect(document.Statement[0]?.Resource).toEqual([
      "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/silo-edge-authorizer:*",
    ]);
  });

  it("lets the ledger admin read only the ledger master secret and decrypt with the platform key", () => {
    // Act
    const document = ledgerAdminPolicy({
      logGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/silo-ledger-admin",
      masterSecretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-ledger",
      platformKeyArn: "arn:aws:kms:us-east-1:123456789012:key/platform",
    });

    // Assess
    expect(resourcesFor(document, "secretsmanager:")).toEqual([
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-ledger",
    ]);
    expect(resourcesFor(document, "kms:")).toEqual(["arn:aws:kms:us-east-1:123456789012:key/platform"]);
  });

  it("trusts only Lambda functions of the account", () => {
    // Act
    const trust = lambdaTrustPolicy(testAws).Statement[0];

    // Assess
    expect(trust?.Principal?.Service).toBe("lambda.amazonaws.com");
    expect(trust?.Condition?.StringEquals?.["aws:SourceAccount"]).toBe("123456789012");
  });
});
