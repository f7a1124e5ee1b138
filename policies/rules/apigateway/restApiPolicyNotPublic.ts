import { policyDocuments } from "../../analysis/policyDocuments.ts";
import { publicStatements } from "../../analysis/publicStatements.ts";
import type { SiloResourcePolicy } from "../siloPolicy.ts";

export const restApiType = "aws:apigateway/restApi:RestApi";
export const restApiPolicyType = "aws:apigateway/restApiPolicy:RestApiPolicy";

/**
 * A REST API's resource policy is evaluated before the authorizer's: an Allow for every principal without a
 * condition (source IP, VPC endpoint, organisation) opens `execute-api:Invoke` to the world, and together
 * with an `AWS_IAM` or NONE method lets any caller in.
 *
 * Severity: high. Controls: NIST 800-53 AC-3, AC-4, SC-7 (no FSBP control).
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies.html
 */
export const restApiPolicyNotPublic: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-apigateway-restapi-policy-not-public",
  description:
    "REST API resource policies must not allow every principal (`*`) without a condition that narrows it.",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["nist:AC-3", "nist:AC-4", "nist:SC-7"],
  url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies.html",
  mutations: [restApiType, restApiPolicyType].map((type) => ({
    type,
    change: "policy allows execute-api:Invoke to every principal",
    mutate: (inputs: Readonly<Record<string, unknown>>) => ({
      ...inputs,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "*" }],
      }),
    }),
  })),
  validateResource: (args, reportViolation) => {
    if (args.type !== restApiType && args.type !== restApiPolicyType) args.notApplicable();
    for (const carried of policyDocuments(args)) {
      for (const line of publicStatements(carried.statements ?? [])) {
        reportViolation(
          `${carried.property} ${line}; name the principals, or narrow it with a condition (aws:SourceVpce, aws:SourceIp, aws:PrincipalOrgID).`,
        );
      }
    }
  },
};
