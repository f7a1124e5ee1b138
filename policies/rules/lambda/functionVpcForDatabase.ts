import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type { SiloResourcePolicy } from "../siloPolicy.ts";

/** Environment variables that tell a function where a database is (tenantEnvironment.ts). */
const databaseVariable = /^SILO_(?:LEDGER_)?DB_/;
/** The RDS-managed master secret of an instance: `...:secret:rds!db-...`. */
const databaseSecret = /:secret:rds!/;

/**
 * A function that talks to a tenant's database runs in the tenant's private subnets with its Lambda
 * security group: the database admits only that group, and its traffic never leaves the VPC.
 *
 * Severity: high. Controls: FSBP Lambda.3; NIST 800-53 AC-4, SC-7.
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-3
 */
export const functionVpcForDatabase: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-lambda-function-vpc-for-database",
  description:
    "Lambda functions that reach a database (`SILO_DB_*`, `SILO_LEDGER_DB_*` or an RDS secret) must run in a VPC with subnets and security groups.",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["fsbp:Lambda.3", "nist:AC-4", "nist:SC-7"],
  url: "https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-3",
  mutations: [
    {
      type: "aws:lambda/function:Function",
      change: "vpcConfig removed from a database function",
      mutate: (inputs) => (inputs.vpcConfig === undefined ? undefined : { ...inputs, vpcConfig: undefined }),
    },
  ],
  validateResource: validateResourceOfType(aws.lambda.Function, (fn, args, reportViolation) => {
    const variables = Object.entries(fn.environment?.variables ?? {});
    const reasons = variables
      .filter(([key, value]) => databaseVariable.test(key) || databaseSecret.test(String(value)))
      .map(([key]) => key);
    if (reasons.length === 0) return args.notApplicable("the function reaches no database");
    const subnets = fn.vpcConfig?.subnetIds ?? [];
    const groups = fn.vpcConfig?.securityGroupIds ?? [];
    if (subnets.length === 0 || groups.length === 0) {
      reportViolation(
        `environment reaches a database (${reasons.join(", ")}) but vpcConfig has ${subnets.length} subnets and ${groups.length} security groups; attach the function to the tenant's private subnets and Lambda security group.`,
      );
    }
  }),
};
