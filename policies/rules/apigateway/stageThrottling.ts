import * as aws from "@pulumi/aws";
import { pointsAt } from "../pointsAt.ts";
import type { SiloStackPolicy } from "../siloPolicy.ts";
import { stageLabel } from "./stageLabel.ts";

/** The method path of settings that apply to every method of a stage. */
export const everyMethodPath = "*/*";

/**
 * Per-tenant throttling keeps one tenant's burst from exhausting the account's API Gateway quota (10,000
 * requests per second, shared by every tenant). A REST stage is throttled by `aws.apigateway.MethodSettings`
 * for `*\/*` with a positive rate and burst limit.
 *
 * Severity: medium. Controls: NIST 800-53 SC-5 (no FSBP control).
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
 */
export const stageThrottling: SiloStackPolicy = {
  kind: "stack",
  name: "silo-apigateway-stage-throttling",
  description: `REST API stages must have method settings for \`${everyMethodPath}\` with a positive throttling rate and burst limit.`,
  enforcementLevel: "mandatory",
  severity: "medium",
  tags: ["nist:SC-5"],
  url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html",
  mutations: [
    {
      type: "aws:apigateway/methodSettings:MethodSettings",
      change: "throttlingRateLimit removed",
      mutate: (inputs) => ({
        ...inputs,
        settings: { ...(inputs.settings as object | undefined), throttlingRateLimit: undefined },
      }),
    },
  ],
  validateStack: (args, reportViolation) => {
    const allSettings = args.resources.filter((resource) => resource.isType(aws.apigateway.MethodSettings));
    for (const stage of args.resources.filter((resource) => resource.isType(aws.apigateway.Stage))) {
      const forEveryMethod = allSettings.filter(
        (settings) =>
          settings.props.methodPath === everyMethodPath &&
          pointsAt(settings, "stageName", stage, "stageName"),
      );
      if (forEveryMethod.length === 0) {
        reportViolation(
          `${stageLabel(stage)} has no aws.apigateway.MethodSettings with methodPath "${everyMethodPath}"; add one with settings.throttlingRateLimit and throttlingBurstLimit from the tenant's limits.`,
          stage.urn,
        );
        continue;
      }
      for (const settings of forEveryMethod) {
        const values = (settings.props.settings ?? {}) as Record<string, unknown>;
        for (const limit of ["throttlingRateLimit", "throttlingBurstLimit"]) {
          const value = values[limit];
          if (typeof value !== "number" || value <= 0) {
            reportViolation(
              `${settings.name} (method settings "${everyMethodPath}" of ${stageLabel(stage)}) has settings.${limit} ${String(value)}; set it to a positive value from the tenant's limits.`,
              settings.urn,
            );
          }
        }
      }
    }
  },
};
