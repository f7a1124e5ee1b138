import { describe, expect, it } from "vitest";
import { functionNoSecretEnvironment } from "../../../../policies/rules/lambda/functionNoSecretEnvironment.ts";
import { functionVpcForDatabase } from "../../../../policies/rules/lambda/functionVpcForDatabase.ts";
import { evaluateRule, violationsOf } from "../../support/evaluateRule.ts";

const type = "aws:lambda/function:Function";
/** A tenant's data function as components/functions/tenantRuntime.ts declares it: secret ids, never secrets. */
const compliant = {
  name: "silo-globex-data",
  runtime: "nodejs22.x",
  environment: {
    variables: {
      SILO_TENANT_ID: "globex",
      SILO_DB_HOST: "silo-globex.c0abcdefghij.us-east-1.rds.amazonaws.com",
      SILO_DB_PORT: "5432",
      SILO_DB_SECRET_ID: "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-silo-globex-XyZ123",
      SILO_PROVIDER_KEY_SECRET_PREFIX: "/silo/globex/providers/",
    },
  },
  vpcConfig: { subnetIds: ["subnet-0a", "subnet-0b"], securityGroupIds: ["sg-0lambda"] },
};

describe("functionVpcForDatabase", () => {
  it("passes a database function in the VPC", async () => {
    // Act
    const violations = await violationsOf(functionVpcForDatabase, type, compliant);

    // Assess
    expect(violations).toEqual([]);
  });

  it.each([
    [undefined, "0 subnets and 0 security groups"],
    [{ subnetIds: [], securityGroupIds: ["sg-0lambda"] }, "0 subnets and 1 security groups"],
    [{ subnetIds: ["subnet-0a"], securityGroupIds: [] }, "1 subnets and 0 security groups"],
  ])("reports vpcConfig %j", async (vpcConfig, counts) => {
    // Act
    const violations = await violationsOf(functionVpcForDatabase, type, { ...compliant, vpcConfig });

    // Assess
    expect(violations).toEqual([
      `environment reaches a database (SILO_DB_HOST, SILO_DB_PORT, SILO_DB_SECRET_ID) but vpcConfig has ${counts}; attach the function to the tenant's private subnets and Lambda security group.`,
    ]);
  });

  it("recognises a database by its RDS-managed secret alone", async () => {
    // Act
    const violations = await violationsOf(functionVpcForDatabase, type, {
      ...compliant,
      environment: { variables: { MASTER: "arn:aws:secretsmanager:us-east-1:1:secret:rds!db-x" } },
      vpcConfig: undefined,
    });

    // Assess
    expect(violations).toEqual([
      "environment reaches a database (MASTER) but vpcConfig has 0 subnets and 0 security groups; attach the function to the tenant's private subnets and Lambda security group.",
    ]);
  });

  it("does not apply to a function that reaches no database", async () => {
    // Act
    const verdict = await evaluateRule(functionVpcForDatabase, type, {
      ...compliant,
      environment: { variables: { SILO_TENANT_ID: "globex" } },
      vpcConfig: undefined,
    });

    // Assess
    expect(verdict).toEqual({ applicable: false });
  });
});

describe("functionNoSecretEnvironment", () => {
  it("passes an environment of secret ids", async () => {
    // Act
    const violations = await violationsOf(functionNoSecretEnvironment, type, compliant);

    // Assess
    expect(violations).toEqual([]);
  });

  it.each([
    ["SILO_DB_PASSWORD", "hunter2", "its name says it holds a secret"],
    ["OPENAI_KEY", "sk0123456789abcdefghijKLMNOP", "a random-looking value (high entropy)"],
    ["AWS_KEY", "AKIAABCDEFGHIJKLMNOP", "an AWS access key id"],
    ["LEDGER_URL", "postgres://admin:s3cret@ledger:5432/silo", "a URL with a password"],
    ["WEBHOOK_SIGNING_SECRET", "whsec-correct-horse", "its name says it holds a secret"],
    ["JWT_SECRET", "changeme", "its name says it holds a secret"],
    ["SERVICE_PRIVATE_KEY", "-----BEGIN RSA PRIVATE KEY-----\nMIIEow...", "a PEM private key"],
    [
      "ALERTS",
      "https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXX",
      "a Slack webhook URL, whose path is its token",
    ],
    [
      "CHAT_HOOK",
      "https://discord.com/api/webhooks/123/abc",
      "a Discord webhook URL, whose path is its token",
    ],
    [
      "CALLBACK",
      "https://api.example.com/notify?tenant=globex&token=abc123",
      "a URL with a token in its query",
    ],
    ["UPSTREAM", "sk-proj-abcdefghijklmnop1234", "a well-known API token"],
    ["GITHUB", "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "a well-known API token"],
    ["SLACK", "xoxb-1234-5678-abcdefghijkl", "a well-known API token"],
  ])("reports %s", async (key, value, reason) => {
    // Act
    const violations = await violationsOf(functionNoSecretEnvironment, type, {
      ...compliant,
      environment: { variables: { ...compliant.environment.variables, [key]: value } },
    });

    // Assess
    expect(violations).toEqual([
      `environment.variables.${key} looks like a secret (${reason}); keep the value in Secrets Manager under /silo/<tenant>/ and pass the secret's ARN.`,
    ]);
  });

  it("passes references and values the kit sets: ARNs, URLs without credentials, UUIDs, hashes, names", async () => {
    // Act
    const violations = await violationsOf(functionNoSecretEnvironment, type, {
      ...compliant,
      environment: {
        variables: {
          ...compliant.environment.variables,
          SILO_JWT_SECRET_ARN: "arn:aws:secretsmanager:us-east-1:123456789012:secret:/silo/globex/jwt-AbCdEf",
          SILO_TOKEN_SECRET: "/silo/globex/providers/openai",
          SILO_ISSUER: "https://idp.example.com/realms/silo?audience=silo-api",
          SILO_REQUEST_ID: "0f8fad5b-d9cb-469f-a165-70867728950e",
          SILO_BUNDLE_SHA256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
          SILO_MODEL: "us.anthropic.claude-sonnet-4-20250514-v1:0",
          SILO_LOG_LEVEL: "info",
          SILO_FUNCTION_NAME: "silo-globex-data-handler-group",
        },
      },
    });

    // Assess
    expect(violations).toEqual([]);
  });
});
