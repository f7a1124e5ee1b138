import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type { SiloResourcePolicy } from "../siloPolicy.ts";
import { withVariable } from "../withVariable.ts";
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
  mutations: [
    {
      type: "aws:lambda/function:Function",
      change: "a Slack webhook URL in the environment",
      mutate: (inputs) =>
        withVariable(
          inputs,
          "ALERTS_WEBHOOK",
          "https://hooks.slack.com/services/T0000000/B0000000/abcdefghijklmnop",
        ),
    },
    {
      type: "aws:lambda/function:Function",
      change: "a JWT signing secret in the environment",
      mutate: (inputs) => withVariable(inputs, "JWT_SECRET", "correct-horse-battery"),
    },
    {
      type: "aws:lambda/function:Function",
      change: "a high-entropy value in the environment",
      mutate: (inputs) => withVariable(inputs, "UPSTREAM", "Zx8kQ2pL9vR4tY7wB3nM6cF1"),
    },
    {
      type: "aws:lambda/function:Function",
      change: "a database URL with its password in the environment",
      mutate: (inputs) => withVariable(inputs, "DATABASE_URL", "postgres://app:s3cret@db:5432/app"),
    },
  ],
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
