import { statementCoversAction } from "./matchAction.ts";
import { statementCoversResource } from "./matchResource.ts";
import type { NormalisedStatement } from "./normaliseStatements.ts";

/**
 * Whether an Allow statement grants `action` on `resource`, by IAM's matching (case-insensitive actions,
 * wildcards, NotAction, NotResource). Conditions are not evaluated: the statement is read as granting
 * whenever its conditions hold, which is what a rule that must not miss a grant needs. A Deny statement
 * allows nothing (see {@link statementDenies}).
 *
 * @example
 * statementAllows(
 *   { ...statement, effect: "Allow", actions: ["SecretsManager:Get*"], resources: ["arn:aws:secretsmanager:*:*:secret:*"] },
 *   "secretsmanager:GetSecretValue",
 *   "arn:aws:secretsmanager:us-east-1:123456789012:secret:/silo/initech/ledger-role-AbCd",
 * ); // true
 */
export function statementAllows(statement: NormalisedStatement, action: string, resource: string): boolean {
  return (
    statement.effect === "Allow" &&
    statementCoversAction(statement, action) &&
    statementCoversResource(statement, resource)
  );
}

/**
 * Whether a Deny statement without conditions refuses `action` on `resource`; a Deny with conditions is not
 * counted on, since whether it applies depends on the request.
 *
 * @example
 * statementDenies({ ...statement, effect: "Deny", actions: ["*"], resources: ["*"] }, "kms:Decrypt", keyArn); // true
 */
export function statementDenies(statement: NormalisedStatement, action: string, resource: string): boolean {
  return (
    statement.effect === "Deny" &&
    statement.conditions.length === 0 &&
    statementCoversAction(statement, action) &&
    statementCoversResource(statement, resource)
  );
}

/**
 * Whether a set of statements (a policy document, or every document attached to one principal) grants
 * `action` on `resource`: some Allow does and no unconditional Deny refuses it.
 *
 * @example
 * statementsAllow(normaliseStatements(policy) ?? [], "kms:Decrypt", keyArn);
 */
export function statementsAllow(
  statements: readonly NormalisedStatement[],
  action: string,
  resource: string,
): boolean {
  return (
    statements.some((statement) => statementAllows(statement, action, resource)) &&
    !statements.some((statement) => statementDenies(statement, action, resource))
  );
}
