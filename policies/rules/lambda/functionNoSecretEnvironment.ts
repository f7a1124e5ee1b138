import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type { SiloResourcePolicy } from "../siloPolicy.ts";
import { secretLikeValue } from "./secretLikeValues.ts";

/**
 * A function's environment is readable by anyone who can read its configuration (`lambda:GetFunction`) and
 * lands in the stack's state: it holds secret ids (ARNs, names), never the secrets themselves.
 *
 * Severity: high. Controls: NIST 800-53 IA-5(7), SC-28 (no FSBP control).
 * @see https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html
 */
export const functionNoSecretEnvironment: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-lambda-function-no-secret-environment",
  description:
    "Lambda environment variables must not hold secret-like values (passwords, keys, signing secrets, tokens, webhook URLs, credentials in URLs, high-entropy values).",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["nist:IA-5(7)", "nist:SC-28"],
  url: "https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html",
  validateResource: validateResourceOfType(aws.lambda.Function, (fn, _args, reportViolation) => {
    const variables = Object.fromEntries(
      Object.entries(fn.environment?.variables ?? {}).filter(
        (entry): entry is [string, string] => typeof entry[1] === "string",
      ),
    );
    for (const [key, value] of Object.entries(variables)) {
      const reason = secretLikeValue(key, value);
      if (reason === undefined) continue;
      reportViolation(
        `environment.variables.${key} looks like a secret (${reason}); keep the value in Secrets Manager under /silo/<tenant>/ and pass the secret's ARN.`,
      );
    }
  }),
};
