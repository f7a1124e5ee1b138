/**
 * An AWS managed key as a `kmsKeyId` names it: its alias (`alias/aws/rds`) or the alias's ARN
 * (`arn:aws:kms:<region>:<account>:alias/aws/rds`). Its key policy lets every principal of the account that
 * may use the service use the key, so it cannot be scoped to one tenant.
 */
const awsManagedKeyAlias = /^(?:arn:[a-z-]+:kms:[^:]*:[^:]*:)?alias\/aws\//;

/** What a `kmsKeyId` input names: nothing, an AWS managed key, or a customer managed key. */
export type KmsKeyChoice = "unset" | "aws-managed" | "customer-managed";

/**
 * Whether a `kmsKeyId` input (of an RDS instance, a secret, a log group...) names a customer managed key.
 * A key id, key ARN or alias other than `alias/aws/...` counts as customer managed: an AWS managed key
 * addressed by its bare key id cannot be told apart without the account, and the kit never writes one.
 *
 * @example
 * kmsKeyChoice("arn:aws:kms:us-east-1:123456789012:alias/aws/secretsmanager"); // "aws-managed"
 * kmsKeyChoice("arn:aws:kms:us-east-1:123456789012:key/1234abcd-..."); // "customer-managed"
 */
export function kmsKeyChoice(kmsKeyId: unknown): KmsKeyChoice {
  if (typeof kmsKeyId !== "string" || kmsKeyId === "") return "unset";
  return awsManagedKeyAlias.test(kmsKeyId) ? "aws-managed" : "customer-managed";
}

/**
 * The violation a `kmsKeyId` input is, for a rule that requires a customer managed key, ending in `fix`
 * (e.g. "set kmsKeyId to the tenant's KMS key ARN."); undefined when it names one.
 *
 * @example
 * customerManagedKeyViolation("alias/aws/rds", "set kmsKeyId to the tenant's KMS key ARN.");
 * // 'kmsKeyId "alias/aws/rds" is an AWS managed key, usable by every principal of the account that may use the service; set kmsKeyId to the tenant's KMS key ARN.'
 */
export function customerManagedKeyViolation(kmsKeyId: unknown, fix: string): string | undefined {
  switch (kmsKeyChoice(kmsKeyId)) {
    case "unset":
      return `kmsKeyId is not set; ${fix}`;
    case "aws-managed":
      return `kmsKeyId ${JSON.stringify(kmsKeyId)} is an AWS managed key, usable by every principal of the account that may use the service; ${fix}`;
    default:
      return undefined;
  }
}
