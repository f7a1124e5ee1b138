import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type { SiloResourcePolicy } from "../siloPolicy.ts";

/**
 * Every REST API method goes through the shared edge authorizer, which binds the token's tenant to the API's
 * tenant: a method with `NONE` is open to anyone, and `AWS_IAM` lets any principal of the account with
 * `execute-api:Invoke` in. CORS preflights (`OPTIONS`) carry no credentials by design and are exempt.
 *
 * Severity: critical. Controls: FSBP APIGateway.8; NIST 800-53 AC-3, IA-2.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
 */
export const methodAuthorizer: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-apigateway-method-authorizer",
  description:
    "REST API methods other than CORS preflights (OPTIONS) must use authorization CUSTOM with an authorizer.",
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["fsbp:APIGateway.8", "nist:AC-3", "nist:IA-2"],
  url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html",
  mutations: [
    {
      type: "aws:apigateway/method:Method",
      change: 'authorization set to "NONE"',
      mutate: (inputs) =>
        inputs.httpMethod === "OPTIONS" ? undefined : { ...inputs, authorization: "NONE" },
    },
    {
      type: "aws:apigateway/method:Method",
      change: "authorizerId removed",
      mutate: (inputs) =>
        inputs.httpMethod === "OPTIONS" ? undefined : { ...inputs, authorizerId: undefined },
    },
  ],
  validateResource: validateResourceOfType(aws.apigateway.Method, (method, args, reportViolation) => {
    if (method.httpMethod === "OPTIONS") {
      args.notApplicable("CORS preflights carry no credentials");
    }
    const where = `${String(method.httpMethod)} method`;
    if (method.authorization !== "CUSTOM") {
      reportViolation(
        `${where} has authorization ${JSON.stringify(method.authorization)}; set authorization: "CUSTOM" with the shared edge authorizer's authorizerId.`,
      );
    }
    if (typeof method.authorizerId !== "string" || method.authorizerId === "") {
      reportViolation(`${where} has no authorizerId; set authorizerId to the shared edge authorizer's id.`);
    }
  }),
};
