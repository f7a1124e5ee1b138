import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type { SiloResourcePolicy } from "../siloPolicy.ts";

/**
 * Access logs are the per-request audit trail of who called which route of which tenant, and JSON is what
 * CloudWatch Logs Insights and the kit's runbooks query.
 *
 * Severity: medium. Controls: FSBP APIGateway.1; NIST 800-53 AU-2, AU-12, CA-7.
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-1
 */
export const stageAccessLogs: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-apigateway-stage-access-logs",
  description: "REST API stages must send access logs to a log group, in a JSON format.",
  enforcementLevel: "mandatory",
  severity: "medium",
  tags: ["fsbp:APIGateway.1", "nist:AU-2", "nist:AU-12", "nist:CA-7"],
  url: "https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-1",
  mutations: [
    {
      type: "aws:apigateway/stage:Stage",
      change: "accessLogSettings removed",
      mutate: (inputs) => ({ ...inputs, accessLogSettings: undefined }),
    },
  ],
  validateResource: validateResourceOfType(aws.apigateway.Stage, (stage, _args, reportViolation) => {
    const settings = stage.accessLogSettings;
    if (settings === undefined || !settings.destinationArn) {
      reportViolation(
        `stage ${String(stage.stageName)} has no accessLogSettings.destinationArn; send access logs to the tenant's log group.`,
      );
      return;
    }
    const format = (settings.format ?? "").trim();
    // Formats hold `$context` variables, often unquoted (`"status":$context.status`): not parseable as JSON.
    if (!format.startsWith("{") || !format.endsWith("}")) {
      reportViolation(
        `stage ${String(stage.stageName)} logs in format ${JSON.stringify(settings.format ?? "")}, which is not a JSON object; set a JSON format with $context.requestId, $context.status and the authorizer's tenant.`,
      );
    }
  }),
};
