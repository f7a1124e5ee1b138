import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { tenantLedgerRoleName } from "../../runtime/core/ledger/provisionTenantLedgerRole.ts";
import type { TenantConfig } from "../../tenants/schema.ts";
import { ledgerSecretPolicy } from "./ledgerSecretPolicy.ts";
import { tenantSecretsPlan } from "./tenantSecretsPlan.ts";

/** Arguments of {@link TenantSecrets}. */
export interface TenantSecretsArgs {
  readonly tenant: TenantConfig;
  /** The tenant key, which encrypts every secret. */
  readonly keyArn: pulumi.Input<string>;
  /** The shared ledger-admin role, allowed to read the ledger secret (to provision the tenant's role). */
  readonly ledgerAdminRoleArn: pulumi.Input<string>;
  /**
   * The stack's environment qualifier, carried by every secret's name (components/common/resourceNames.ts).
   * @default none: `/silo/<tenant>/`
   */
  readonly environmentQualifier?: string;
}

/**
 * The tenant's secrets under `/silo/<tenant>/`, encrypted with the tenant key:
 * - `ledger-role`: `{"username", "password"}` of the tenant's usage-ledger role, the password generated
 *   here (kept in Pulumi state as a secret) and applied to the ledger by the ledger admin;
 * - `providers/<model key>` per openai-compatible model: created empty, for the operator to put the
 *   tenant's own API key in (BYOK), so the key never passes through the stack.
 */
export class TenantSecrets extends pulumi.ComponentResource {
  readonly ledgerSecretArn: pulumi.Output<string>;
  /** Changes when the ledger password changes, so the tenant is enrolled again. */
  readonly ledgerSecretVersionId: pulumi.Output<string>;
  /** Secret ARN per openai-compatible model key. */
  readonly providerKeySecretArns: Readonly<Record<string, pulumi.Output<string>>>;

  constructor(name: string, args: TenantSecretsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("silo:tenant:TenantSecrets", name, {}, opts);

    const plan = tenantSecretsPlan(args.tenant, args.environmentQualifier);
    const secret = (suffix: string, secretName: string, description: string) =>
      new aws.secretsmanager.Secret(
        `${name}-${suffix}`,
        {
          name: secretName,
          description,
          kmsKeyId: args.keyArn,
          recoveryWindowInDays: plan.recoveryWindowDays,
        },
        { parent: this },
      );

    const ledgerSecret = secret(
      plan.ledgerRole.resourceSuffix,
      plan.ledgerRole.name,
      plan.ledgerRole.description,
    );
    const password = new random.RandomPassword(
      `${name}-ledger-password`,
      // Letters and digits only: the password also travels in connection strings and psql prompts.
      { length: 40, special: false },
      { parent: this },
    );
    const version = new aws.secretsmanager.SecretVersion(
      `${name}-ledger-role-value`,
      {
        secretId: ledgerSecret.id,
        secretString: pulumi.jsonStringify({
          username: tenantLedgerRoleName(args.tenant.id),
          password: password.result,
        }),
      },
      { parent: this },
    );
    new aws.secretsmanager.SecretPolicy(
      `${name}-ledger-role-policy`,
      {
        secretArn: ledgerSecret.arn,
        blockPublicPolicy: true,
        policy: pulumi
          .all([ledgerSecret.arn, args.ledgerAdminRoleArn])
          .apply(([secretArn, roleArn]) => JSON.stringify(ledgerSecretPolicy(secretArn, roleArn))),
      },
      { parent: this },
    );

    this.providerKeySecretArns = Object.fromEntries(
      plan.providerKeys.map((spec) => [
        spec.modelKey ?? spec.name,
        secret(spec.resourceSuffix, spec.name, spec.description).arn,
      ]),
    );
    this.ledgerSecretArn = ledgerSecret.arn;
    this.ledgerSecretVersionId = version.versionId;
    this.registerOutputs({
      ledgerSecretArn: this.ledgerSecretArn,
      providerKeySecretArns: this.providerKeySecretArns,
    });
  }
}
