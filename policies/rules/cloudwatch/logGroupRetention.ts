import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type { SiloResourcePolicy } from "../siloPolicy.ts";

/** Fewest days a log group may keep its logs under the baseline (a tenant file's default). */
export const minimumLogRetentionDays = 30;

/** Settings of {@link logGroupRetention}. */
export interface LogRetentionConfig {
  readonly minimumDays: number;
}

/**
 * Logs are kept long enough to investigate an incident, then deleted: unset retention keeps tenant data
 * forever. The regulated profile asks for the year FSBP CloudWatch.16 names.
 *
 * Severity: low. Controls: FSBP CloudWatch.16; NIST 800-53 AU-11, SI-12.
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-16
 */
export const logGroupRetention: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-cloudwatch-loggroup-retention",
  description: "CloudWatch log groups must set a retention period of at least `minimumDays` days.",
  enforcementLevel: "mandatory",
  severity: "low",
  tags: ["fsbp:CloudWatch.16", "nist:AU-11", "nist:SI-12"],
  url: "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-16",
  configSchema: {
    properties: {
      minimumDays: {
        type: "integer",
        minimum: 1,
        default: minimumLogRetentionDays,
        description: "Fewest days a log group keeps its logs.",
      },
    },
  },
  mutations: [
    {
      type: "aws:cloudwatch/logGroup:LogGroup",
      change: "retentionInDays 1",
      mutate: (inputs) => ({ ...inputs, retentionInDays: 1 }),
    },
  ],
  validateResource: validateResourceOfType(aws.cloudwatch.LogGroup, (logGroup, args, reportViolation) => {
    const minimumDays = args.getConfig<Partial<LogRetentionConfig>>().minimumDays ?? minimumLogRetentionDays;
    const days = logGroup.retentionInDays;
    if (typeof days !== "number" || days <= 0 || days < minimumDays) {
      reportViolation(
        `retentionInDays is ${String(days)}; set logRetentionDays to at least ${minimumDays} (a CloudWatch Logs retention period).`,
      );
    }
  }),
};
