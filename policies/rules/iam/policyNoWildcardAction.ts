import type { ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import { type CarriedPolicyDocument, policyDocuments } from "../../analysis/policyDocuments.ts";
import { addGrant } from "../addGrant.ts";
import type { SiloResourcePolicy } from "../siloPolicy.ts";
import { documentOrigin } from "./documentOrigin.ts";

/** `*`, or every action of a service (`s3:*`, `SecretsManager:*`: IAM reads action names case-insensitively). */
const wildcardAction = /^(?:\*|[a-z0-9-]+:\*)$/i;

function checkDocument(document: CarriedPolicyDocument, reportViolation: ReportViolation): void {
  for (const statement of document.statements ?? []) {
    if (statement.effect !== "Allow") continue;
    if (statement.notActions.length > 0) {
      reportViolation(
        `allows every action but ${statement.notActions.map((action) => JSON.stringify(action)).join(", ")} (NotAction)${documentOrigin(document)}; list the actions the role needs.`,
      );
    }
    for (const action of statement.actions) {
      if (wildcardAction.test(action)) {
        reportViolation(
          `allows action ${JSON.stringify(action)}${documentOrigin(document)}; list the actions the role needs.`,
        );
      }
    }
  }
}

/**
 * Every role is least-privilege: it lists its actions, so no new API of a service is granted by default.
 * Reads every identity document a resource carries (role, user and group policies, a role's inline
 * policies, managed policies, and AWS managed policies attached by ARN, as what they grant;
 * policies/analysis/), with IAM's case-insensitive action names, and counts an `Allow` with `NotAction` as
 * the wildcard it is. Trust, resource and key policies are other rules' concern.
 *
 * Severity: high. Controls: FSBP IAM.1, IAM.21; NIST 800-53 AC-3, AC-6, AC-6(2).
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-21
 */
export const policyNoWildcardAction: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-iam-policy-no-wildcard-action",
  description:
    "IAM identity policies (inline, managed, or AWS managed by attachment) must not allow the action `*`, a `service:*` wildcard, or everything but some actions (`NotAction`).",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["fsbp:IAM.1", "fsbp:IAM.21", "nist:AC-3", "nist:AC-6", "nist:AC-6(2)"],
  url: "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-21",
  mutations: [
    {
      type: "aws:iam/rolePolicy:RolePolicy",
      change: "an Allow of SecretsManager:*",
      mutate: (inputs, context) =>
        addGrant(inputs, {
          Effect: "Allow",
          Action: "SecretsManager:*",
          Resource: `arn:aws:secretsmanager:${context.region}:${context.accountId}:secret:/silo/${context.tenantId}/*`,
        }),
    },
    {
      type: "aws:iam/rolePolicy:RolePolicy",
      change: "an Allow with NotAction",
      mutate: (inputs) => addGrant(inputs, { Effect: "Allow", NotAction: "iam:*", Resource: "*" }),
    },
    {
      type: "aws:iam/role:Role",
      change: "AdministratorAccess attached by ARN",
      mutate: (inputs) => ({ ...inputs, managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] }),
    },
  ],
  validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    const documents = policyDocuments({ type: args.type, props: args.props }).filter(
      (document) => document.kind === "identity" || document.kind === "managed",
    );
    if (documents.length === 0) {
      args.notApplicable("the resource carries no IAM identity policy");
      return;
    }
    for (const document of documents) checkDocument(document, reportViolation);
  },
};
