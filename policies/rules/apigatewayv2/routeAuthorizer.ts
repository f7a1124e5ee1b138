import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type { SiloResourcePolicy } from "../siloPolicy.ts";

/**
 * Every route goes through the shared edge authorizer, which binds the token's tenant to the API's tenant:
 * a route without it is open to any caller.
 *
 * Severity: critical. Controls: FSBP APIGateway.8; NIST 800-53 AC-3, IA-2.
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-8
 */
export const routeAuthorizer: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-apigatewayv2-route-authorizer",
  description: "HTTP API routes must use authorizationType CUSTOM with an authorizer.",
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["fsbp:APIGateway.8", "nist:AC-3", "nist:IA-2"],
  url: "https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-8",
  mutations: [
    {
      type: "aws:apigatewayv2/route:Route",
      change: "authorizationType NONE",
      mutate: (inputs) => ({ ...inputs, authorizationType: "NONE", authorizerId: undefined }),
    },
  ],
  validateResource: validateResourceOfType(aws.apigatewayv2.Route, (route, _args, reportViolation) => {
    if (route.authorizationType !== "CUSTOM") {
      reportViolation(
        `authorizationType is ${JSON.stringify(route.authorizationType)}; set authorizationType: "CUSTOM".`,
      );
    }
    if (typeof route.authorizerId !== "string" || route.authorizerId === "") {
      reportViolation("authorizerId is not set; set authorizerId to the shared edge authorizer's id.");
    }
  }),
};
