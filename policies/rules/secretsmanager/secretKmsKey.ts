import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { customerManagedKeyViolation } from "../kms/customerManagedKey.ts";
import type { SiloResourcePolicy } from "../siloPolicy.ts";

/**
 * A tenant's secrets are encrypted with the tenant's key, so only principals the key policy names can read
 * them; the AWS managed `aws/secretsmanager` key (by alias or ARN) is usable by anyone in the account with secret access.
 *
 * Severity: high. Controls: NIST 800-53 SC-12, SC-28 (no FSBP control).
 * @see https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html
 */
export const secretKmsKey: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-secretsmanager-secret-kms-key",
  description: "Secrets Manager secrets must be encrypted with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["nist:SC-12", "nist:SC-28"],
  url: "https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html",
  mutations: [
    {
      type: "aws:secretsmanager/secret:Secret",
      change: "kmsKeyId removed",
      mutate: ({ kmsKeyId: _key, ...inputs }) => inputs,
    },
    {
      type: "aws:secretsmanager/secret:Secret",
      change: "kmsKeyId set to alias/aws/secretsmanager",
      mutate: (inputs) => ({ ...inputs, kmsKeyId: "alias/aws/secretsmanager" }),
    },
  ],
  validateResource: validateResourceOfType(aws.secretsmanager.Secret, (secret, _args, reportViolation) => {
    const violation = customerManagedKeyViolation(
      secret.kmsKeyId,
      "set kmsKeyId to the tenant's KMS key ARN.",
    );
    if (violation !== undefined) reportViolation(violation);
  }),
};
