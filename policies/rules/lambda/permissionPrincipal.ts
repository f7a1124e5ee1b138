import { policyDocuments } from "../../analysis/policyDocuments.ts";
import type { SiloResourcePolicy } from "../siloPolicy.ts";

const permissionType = "aws:lambda/permission:Permission";

/** Conditions that tie a service principal's invocation to one source resource or account. */
const sourceConditionKeys = ["aws:sourcearn", "aws:sourceaccount"];

/**
 * A function policy statement for `*` lets anyone invoke the function; one for a service principal
 * (`apigateway.amazonaws.com`, `s3.amazonaws.com`, ...) without `sourceArn` or `sourceAccount` lets that
 * service invoke it on behalf of any resource of any account, the confused-deputy problem.
 *
 * Severity: critical. Controls: FSBP Lambda.1; NIST 800-53 AC-3, AC-21.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-services.html
 */
export const permissionPrincipal: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-lambda-permission-principal",
  description:
    "Lambda permissions must not grant principal `*`, and must tie a service principal to a sourceArn or sourceAccount.",
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["fsbp:Lambda.1", "nist:AC-3", "nist:AC-21"],
  url: "https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-services.html",
  mutations: [
    {
      type: permissionType,
      change: 'principal set to "*"',
      mutate: (inputs) => ({ ...inputs, principal: "*" }),
    },
    {
      type: permissionType,
      change: "sourceArn and sourceAccount removed",
      mutate: (inputs) =>
        typeof inputs.principal === "string" && inputs.principal.endsWith(".amazonaws.com")
          ? { ...inputs, sourceArn: undefined, sourceAccount: undefined }
          : undefined,
    },
  ],
  validateResource: (args, reportViolation) => {
    if (args.type !== permissionType) args.notApplicable();
    const target = JSON.stringify(args.props.function);
    for (const carried of policyDocuments(args)) {
      for (const statement of carried.statements ?? []) {
        if (statement.principals.anyone) {
          reportViolation(
            `permission on ${target} grants principal "*", so anyone may invoke it; name the principal (a service with sourceArn, or a role of this account).`,
          );
        }
        const tied = statement.conditions.some((condition) =>
          sourceConditionKeys.includes(condition.key.toLowerCase()),
        );
        for (const service of statement.principals.service) {
          if (tied) continue;
          reportViolation(
            `permission on ${target} lets ${service} invoke it for any source; set sourceArn (e.g. the API's execution ARN) or sourceAccount.`,
          );
        }
      }
    }
  },
};
