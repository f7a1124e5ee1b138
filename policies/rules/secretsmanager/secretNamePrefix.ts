import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type { SiloResourcePolicy } from "../siloPolicy.ts";
import { stackEnvironmentQualifier } from "../stackOwner.ts";

/**
 * `/silo/<tenant>/<rest>`: the prefix tenant roles and key policies are scoped by; in a stack qualified
 * with an environment (`staging.tenant-<id>`), `/<qualifier>/silo/<tenant>/<rest>` (components/common/resourceNames.ts).
 */
function siloSecretName(environmentQualifier: string | undefined): RegExp {
  return new RegExp(
    `^${environmentQualifier === undefined ? "" : `/${environmentQualifier}`}/silo/[a-z0-9][a-z0-9-]*/.+$`,
  );
}
/** Secrets RDS creates for `manageMasterUserPassword` are named `rds!...` by RDS itself. */
const rdsManagedSecretName = /^rds!/;

/**
 * IAM grants are scoped by secret name, so a secret outside `/silo/<tenant>/` is either readable by no
 * tenant role or by a wildcard one.
 *
 * Severity: high. Controls: NIST 800-53 AC-3, AC-6 (no FSBP control).
 * @see https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_iam-policies.html
 */
export const secretNamePrefix: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-secretsmanager-secret-name-prefix",
  description:
    "Secrets Manager secret names must start with `/silo/<tenant>/` (RDS-managed `rds!` secrets excepted).",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["nist:AC-3", "nist:AC-6"],
  url: "https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_iam-policies.html",
  mutations: [
    {
      type: "aws:secretsmanager/secret:Secret",
      change: "name outside /silo/<tenant>/",
      mutate: (inputs) => ({ ...inputs, name: "app/ledger-role" }),
    },
  ],
  validateResource: validateResourceOfType(aws.secretsmanager.Secret, (secret, args, reportViolation) => {
    const name = secret.name ?? secret.namePrefix;
    const qualifier = stackEnvironmentQualifier(args.urn);
    const wanted = `${qualifier === undefined ? "" : `/${qualifier}`}/silo/<tenant>/<purpose>`;
    if (typeof name !== "string") {
      reportViolation(`name is not set; name the secret ${wanted}.`);
    } else if (!siloSecretName(qualifier).test(name) && !rdsManagedSecretName.test(name)) {
      reportViolation(`name is ${JSON.stringify(name)}; name the secret ${wanted}.`);
    }
  }),
};
