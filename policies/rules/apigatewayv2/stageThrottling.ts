import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type { SiloResourcePolicy } from "../siloPolicy.ts";

/**
 * Per-tenant stage throttling keeps one tenant's burst from exhausting the account's API Gateway quota.
 *
 * Severity: medium. Controls: NIST 800-53 SC-5 (no FSBP control).
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html
 */
export const stageThrottling: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-apigatewayv2-stage-throttling",
  description: "HTTP API stages must set a default throttling rate and burst limit.",
  enforcementLevel: "mandatory",
  severity: "medium",
  tags: ["nist:SC-5"],
  url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html",
  mutations: [
    {
      type: "aws:apigatewayv2/stage:Stage",
      change: "defaultRouteSettings throttling removed",
      mutate: (inputs) => ({ ...inputs, defaultRouteSettings: undefined }),
    },
  ],
  validateResource: validateResourceOfType(aws.apigatewayv2.Stage, (stage, _args, reportViolation) => {
    const settings = stage.defaultRouteSettings;
    for (const limit of ["throttlingRateLimit", "throttlingBurstLimit"] as const) {
      const value = settings?.[limit];
      if (typeof value !== "number" || value <= 0) {
        reportViolation(
          `defaultRouteSettings.${limit} is ${String(value)}; set it from the tenant's limits.`,
        );
      }
    }
  }),
};
