import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type { SiloResourcePolicy } from "../siloPolicy.ts";

/**
 * A function URL with `authorizationType: NONE` is a public HTTPS endpoint that bypasses the edge
 * authorizer, its tenant binding, throttling and WAF: a tenant's Lambda is reached only through its API.
 *
 * Severity: critical. Controls: FSBP Lambda.1; NIST 800-53 AC-3, AC-21, SC-7.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html
 */
export const functionUrlAuth: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-lambda-functionurl-auth",
  description: "Lambda function URLs must use authorizationType AWS_IAM, never NONE.",
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["fsbp:Lambda.1", "nist:AC-3", "nist:AC-21", "nist:SC-7"],
  url: "https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html",
  mutations: [
    {
      type: "aws:lambda/functionUrl:FunctionUrl",
      change: 'authorizationType set to "NONE"',
      mutate: (inputs) => ({ ...inputs, authorizationType: "NONE" }),
    },
  ],
  validateResource: validateResourceOfType(aws.lambda.FunctionUrl, (url, _args, reportViolation) => {
    if (url.authorizationType !== "AWS_IAM") {
      reportViolation(
        `function URL of ${JSON.stringify(url.functionName)} has authorizationType ${JSON.stringify(url.authorizationType)}, which makes the function public; set authorizationType: "AWS_IAM", or remove the URL and route calls through the tenant's API.`,
      );
    }
  }),
};
