import { policyCarrierTypes, policyDocuments } from "../../analysis/policyDocuments.ts";
import { statementAllows } from "../../analysis/statementAllows.ts";
import type { SiloResourcePolicy } from "../siloPolicy.ts";

/** An account id to probe with when a statement's resources name none. */
const probeAccount = "111111111111";

/**
 * A role no program of this kit would name: a statement that allows `iam:PassRole` on it allows passing
 * every role of the account (`*`, `arn:aws:iam::*:role/*`, `role/*`, NotResource ...).
 */
function probeRoleArn(resources: readonly string[]): string {
  const account = resources.map((resource) => /^arn:[^:]+:iam::(\d{12}):/.exec(resource)?.[1]).find(Boolean);
  return `arn:aws:iam::${account ?? probeAccount}:role/silo-policy-probe/any-role-of-the-account`;
}

/**
 * `iam:PassRole` on every role lets its holder hand any role of the account, an administrator's or another
 * tenant's, to a Lambda function or other service it creates, and act with that role's permissions: the
 * classic privilege escalation. A tenant's roles pass only the tenant's own roles, named.
 *
 * Severity: critical. Controls: NIST 800-53 AC-6, AC-6(10) (no FSBP control).
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
export const policyNoPassRoleWildcard: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-iam-policy-no-passrole-wildcard",
  description:
    "IAM identity policies must not allow `iam:PassRole` on every role (`*` or a wildcard covering all roles); name the roles.",
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["nist:AC-6", "nist:AC-6(10)"],
  url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html",
  mutations: ["aws:iam/rolePolicy:RolePolicy", "aws:iam/policy:Policy"].map((type) => ({
    type,
    change: "iam:PassRole allowed on every role",
    mutate: (inputs: Readonly<Record<string, unknown>>) => ({
      ...inputs,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }],
      }),
    }),
  })),
  validateResource: (args, reportViolation) => {
    if (!policyCarrierTypes.includes(args.type)) args.notApplicable();
    for (const carried of policyDocuments(args)) {
      if (carried.kind !== "identity" && carried.kind !== "managed") continue;
      for (const [index, statement] of (carried.statements ?? []).entries()) {
        const probe = probeRoleArn(statement.resources);
        if (!statementAllows(statement, "iam:PassRole", probe)) continue;
        const on =
          statement.notResources.length > 0
            ? `every resource but ${JSON.stringify(statement.notResources)} (NotResource)`
            : JSON.stringify(statement.resources);
        const through = carried.managedPolicy ? ` (${carried.managedPolicy.name})` : "";
        reportViolation(
          `${carried.property}${through} statement ${statement.sid ?? index} allows iam:PassRole on ${on}, which covers every role of the account; name the roles it may pass, e.g. arn:aws:iam::<account>:role/silo-<tenant>-*.`,
        );
      }
    }
  },
};
