import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type { SiloResourcePolicy } from "../siloPolicy.ts";

/**
 * Access logs are the per-request audit trail of who called which route of which tenant.
 *
 * Severity: medium. Controls: FSBP APIGateway.9; NIST 800-53 AU-2, AU-12, CA-7.
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-9
 */
export const stageAccessLogs: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-apigatewayv2-stage-access-logs",
  description: "HTTP API stages must send access logs to a log group, with a format.",
  enforcementLevel: "mandatory",
  severity: "medium",
  tags: ["fsbp:APIGateway.9", "nist:AU-2", "nist:AU-12", "nist:CA-7"],
  url: "https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-9",
  mutations: [
    {
      type: "aws:apigatewayv2/stage:Stage",
      change: "accessLogSettings removed",
      mutate: (inputs) => ({ ...inputs, accessLogSettings: undefined }),
    },
  ],
  validateResource: validateResourceOfType(aws.apigatewayv2.Stage, (stage, _args, reportViolation) => {
    const settings = stage.accessLogSettings;
    if (settings === undefined || !settings.destinationArn || !settings.format) {
      reportViolation(
        "accessLogSettings is missing its destinationArn or format; set both (see components/edge/tenantApi.ts).",
      );
    }
  }),
};
