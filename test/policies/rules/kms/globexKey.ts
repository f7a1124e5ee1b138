import { tenantKeyPolicy } from "../../../../components/keys/tenantKeyPolicy.ts";

/** The key resource type the kms rules check. */
export const keyType = "aws:kms/key:Key";

/** An IAM role ARN of the test account. */
export const role = (name: string) => `arn:aws:iam::123456789012:role/${name}`;

/** The key policy components/keys/tenantKey.ts gives tenant globex's key. */
export const globexKeyPolicy = tenantKeyPolicy({
  aws: { accountId: "123456789012", region: "us-east-1", partition: "aws" },
  tenantId: "globex",
  tenantRoleArns: ["chat", "data", "admin", "migrate"].map((fn) => role(`silo-globex-${fn}`)),
  ledgerAdminRoleArn: role("silo-ledger-admin"),
  deployerArn: role("silo-deployer"),
});

/** Tenant globex's key as the kit builds it: the compliant baseline of the kms rule tests. */
export const compliantGlobexKey = {
  description: "silo-kit key of tenant globex",
  enableKeyRotation: true,
  policy: JSON.stringify(globexKeyPolicy),
};

/** The provider of globex's stack, whose default tags say the key is globex's. */
export const globexProvider = {
  type: "pulumi:providers:aws",
  props: { defaultTags: { tags: { "silo:tenant": "globex" } } },
  urn: "urn:provider",
  name: "globex-aws",
};

/** Globex's key policy with one more statement, as JSON text. */
export function withStatement(statement: Record<string, unknown>): string {
  return JSON.stringify({ ...globexKeyPolicy, Statement: [...globexKeyPolicy.Statement, statement] });
}

/** Globex's key policy with the statement `sid` changed by `change`, as JSON text. */
export function withChangedStatement(
  sid: string,
  change: (statement: Record<string, unknown>) => Record<string, unknown>,
): string {
  const statements = globexKeyPolicy.Statement.map((statement) =>
    statement.Sid === sid ? change({ ...statement }) : statement,
  );
  return JSON.stringify({ ...globexKeyPolicy, Statement: statements });
}
