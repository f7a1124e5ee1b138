import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type { SiloResourcePolicy } from "../siloPolicy.ts";

/**
 * Quick create (`target` on the API) makes a `$default` route with no authorizer and a stage that deploys it:
 * the integration is reachable by anyone, whatever the routes the program declares.
 *
 * Severity: critical. Controls: FSBP APIGateway.8; NIST 800-53 AC-3, IA-2.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-basic-concept.html#apigateway-definition-quick-create
 */
export const apiNoQuickCreate: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-apigatewayv2-api-no-quick-create",
  description: "HTTP APIs must not use quick create (`target`), which adds an unauthorized default route.",
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["fsbp:APIGateway.8", "nist:AC-3", "nist:IA-2"],
  url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-basic-concept.html#apigateway-definition-quick-create",
  mutations: [
    {
      type: "aws:apigatewayv2/api:Api",
      change: "target set to a Lambda function",
      mutate: (inputs, context) => ({
        ...inputs,
        target: `arn:aws:lambda:${context.region}:${context.accountId}:function:silo-${context.tenantId}-chat`,
      }),
    },
  ],
  validateResource: validateResourceOfType(aws.apigatewayv2.Api, (api, _args, reportViolation) => {
    if (typeof api.target === "string" && api.target !== "") {
      reportViolation(
        `target is ${JSON.stringify(api.target)}, which creates a $default route without an authorizer; remove target and declare each route with authorizationType "CUSTOM".`,
      );
    }
  }),
};
