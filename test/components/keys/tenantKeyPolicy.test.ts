import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tenantFunctions } from "../../../components/common/resourceNames.ts";
import { keyAdministrationActions } from "../../../components/keys/accountAdministersKey.ts";
import { tenantKeyPolicy } from "../../../components/keys/tenantKeyPolicy.ts";
import { keyUseActions } from "../../../policies/rules/kms/keyUseActions.ts";
import { patternsMatching, tenantIdPrefixPairs, testAws } from "../support.ts";

const role = (name: string) => `arn:aws:iam::123456789012:role/${name}`;
const deployerArn = role("silo-deployer");
const ledgerAdminRoleArn = role("silo-ledger-admin");

function policy(tenantId = "acme") {
  return tenantKeyPolicy({
    aws: testAws,
    tenantId,
    tenantRoleArns: tenantFunctions.map((fn) => role(`silo-${tenantId}-${fn}`)),
    ledgerAdminRoleArn,
    deployerArn,
  });
}

function statement(sid: string) {
  const found = policy().Statement.find((candidate) => candidate.Sid === sid);
  if (found === undefined) throw new Error(`no statement ${sid}`);
  return found;
}

describe("tenantKeyPolicy", () => {
  it("lets the account administer the key and nothing else, not even create grants", () => {
    // Act
    const account = policy().Statement.filter(
      (candidate) => candidate.Principal?.AWS === "arn:aws:iam::123456789012:root",
    );

    // Assess
    expect(account.map((candidate) => candidate.Sid)).toEqual(["AccountAdministersKey"]);
    expect(account[0]?.Action).toEqual([...keyAdministrationActions]);
    expect(keyUseActions(account[0]?.Action ?? [])).toEqual([]);
  });

  it("names only the tenant's roles as direct users of the key", () => {
    // Act
    const direct = statement("TenantRolesUseKey");

    // Assess
    expect(direct.Principal?.AWS).toEqual(tenantFunctions.map((fn) => role(`silo-acme-${fn}`)));
    expect(direct.Action).toEqual(["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"]);
    expect(direct.Condition).toBeUndefined();
  });

  it("lets the deployer use the key only through RDS, Secrets Manager and Lambda, for the tenant's resources", () => {
    // Act
    const grants = statement("DeployerLetsServicesCreateGrants");
    const secrets = statement("DeployerEncryptsSecrets");
    const environments = statement("DeployerEncryptsFunctionEnvironments");

    // Assess
    expect([grants, secrets, environments].map((candidate) => candidate.Principal?.AWS)).toEqual([
      deployerArn,
      deployerArn,
      deployerArn,
    ]);
    expect(grants.Action).toEqual(["kms:CreateGrant"]);
    expect(grants.Condition).toEqual({
      StringEquals: { "kms:ViaService": ["rds.us-east-1.amazonaws.com", "lambda.us-east-1.amazonaws.com"] },
      Bool: { "kms:GrantIsForAWSResource": "true" },
    });
    expect(secrets.Condition).toEqual({
      StringEquals: { "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com" },
      ArnLike: {
        "kms:EncryptionContext:SecretARN": [
          "arn:aws:secretsmanager:us-east-1:123456789012:secret:/silo/acme/*",
          "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-*",
        ],
      },
    });
    expect(environments.Condition?.StringEquals).toEqual({
      "kms:ViaService": "lambda.us-east-1.amazonaws.com",
    });
    expect(environments.Condition?.ArnLike?.["kms:EncryptionContext:aws:lambda:FunctionArn"]).toEqual(
      tenantFunctions.flatMap((fn) => {
        const arn = `arn:aws:lambda:us-east-1:123456789012:function:silo-acme-${fn}`;
        return [arn, `${arn}:*`];
      }),
    );
  });

  it("lets CloudWatch Logs encrypt only the tenant's log groups, by name, and the ledger admin read only its ledger secret", () => {
    // Act
    const logs = statement("CloudWatchLogsEncryptsTenantLogs");
    const ledger = statement("LedgerAdminReadsLedgerSecret");

    // Assess
    expect(logs.Condition?.ArnLike?.["kms:EncryptionContext:aws:logs:arn"]).toEqual([
      ...tenantFunctions.map(
        (fn) => `arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/silo-acme-${fn}`,
      ),
      "arn:aws:logs:us-east-1:123456789012:log-group:/silo/acme/api-access",
    ]);
    expect(ledger.Principal?.AWS).toBe(ledgerAdminRoleArn);
    expect(ledger.Action).toEqual(["kms:Decrypt"]);
    expect(ledger.Condition?.StringLike?.["kms:EncryptionContext:SecretARN"]).toBe(
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:/silo/acme/ledger-role-*",
    );
  });

  it("has no pattern that matches a resource of a tenant whose id extends this one's", () => {
    // Act / Assess: for ids where one extends the other (`acme`, `acme-health`)
    fc.assert(
      fc.property(tenantIdPrefixPairs, ([shorter, longer]) => {
        expect(patternsMatching(policy(shorter), longer)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("would catch the old `silo-<tenant>-*` log group pattern", () => {
    // Act
    const matches = patternsMatching(
      {
        Condition: {
          ArnLike: { key: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/silo-acme-*" },
        },
      },
      "acme-health",
    );

    // Assess
    expect(matches).toContain(
      "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/silo-acme-* matches arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/silo-acme-health-chat",
    );
  });
});
