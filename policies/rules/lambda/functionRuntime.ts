import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type { SiloResourcePolicy } from "../siloPolicy.ts";

/** Lambda runtimes the kit supports (the AWS SDK v3 warns on nodejs20.x). */
export const supportedLambdaRuntimes = ["nodejs22.x"] as const;

/**
 * Functions run on a runtime that still receives security patches.
 *
 * Severity: medium. Controls: FSBP Lambda.2; NIST 800-53 CM-2, SI-2.
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-2
 */
export const functionRuntime: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-lambda-function-runtime",
  description: `Lambda functions must use a supported runtime (${supportedLambdaRuntimes.join(", ")}).`,
  enforcementLevel: "mandatory",
  severity: "medium",
  tags: ["fsbp:Lambda.2", "nist:CM-2", "nist:SI-2"],
  url: "https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-2",
  mutations: [
    {
      type: "aws:lambda/function:Function",
      change: "runtime nodejs16.x",
      mutate: (inputs) => ({ ...inputs, runtime: "nodejs16.x" }),
    },
  ],
  validateResource: validateResourceOfType(aws.lambda.Function, (fn, _args, reportViolation) => {
    const runtime = fn.runtime;
    if (!(supportedLambdaRuntimes as readonly unknown[]).includes(runtime)) {
      reportViolation(
        `runtime is ${JSON.stringify(runtime)}; set runtime to one of ${supportedLambdaRuntimes.join(", ")}.`,
      );
    }
  }),
};
