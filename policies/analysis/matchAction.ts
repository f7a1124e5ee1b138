import { iamWildcardMatches } from "./iamWildcard.ts";
import type { NormalisedStatement } from "./normaliseStatements.ts";

/**
 * Whether an action pattern of a policy (`secretsmanager:Get*`, `kms:*`, `*`, `SecretsManager:GetSecretValue`)
 * covers an action. IAM compares service prefixes and action names case-insensitively, so
 * `SecretsManager:getSecretValue` is the same grant as `secretsmanager:GetSecretValue`; a literal comparison
 * misses it.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 * @example
 * actionMatches("secretsmanager:Get*", "secretsmanager:GetSecretValue"); // true
 * actionMatches("SecretsManager:GetSecretValue", "secretsmanager:getsecretvalue"); // true
 * actionMatches("kms:Decrypt", "kms:DecryptData"); // false
 */
export function actionMatches(pattern: string, action: string): boolean {
  return iamWildcardMatches(pattern.trim(), action.trim(), { ignoreCase: true });
}

/**
 * Whether a statement names an action, whatever its effect: one of its `Action` patterns covers it, or it has
 * `NotAction` and none of those covers it (NotAction with Allow grants everything it does not list, in
 * every service, including services that launch later).
 *
 * @example
 * statementCoversAction({ ...statement, notActions: ["iam:*"] }, "secretsmanager:GetSecretValue"); // true
 */
export function statementCoversAction(statement: NormalisedStatement, action: string): boolean {
  if (statement.notActions.length > 0) {
    return !statement.notActions.some((pattern) => actionMatches(pattern, action));
  }
  return statement.actions.some((pattern) => actionMatches(pattern, action));
}

/**
 * The actions of `interestingActions` (exact action names such as `secretsmanager:GetSecretValue`,
 * `kms:Decrypt`) an Allow statement grants, in the order given; none for a Deny. Resources and conditions are
 * not considered: see {@link statementAllows} for one action on one resource.
 *
 * @example
 * allowedActions({ ...statement, effect: "Allow", actions: ["secretsmanager:Get*"] }, ["secretsmanager:GetSecretValue", "kms:Decrypt"]);
 * // ["secretsmanager:GetSecretValue"]
 */
export function allowedActions(
  statement: NormalisedStatement,
  interestingActions: readonly string[],
): string[] {
  if (statement.effect !== "Allow") return [];
  return interestingActions.filter((action) => statementCoversAction(statement, action));
}

/**
 * The service prefix of an action or action pattern, lower-cased as IAM reads it; `*` for the action `*`.
 *
 * @example
 * actionService("SecretsManager:GetSecretValue"); // "secretsmanager"
 */
export function actionService(action: string): string {
  const trimmed = action.trim();
  return trimmed === "*" ? "*" : (trimmed.split(":")[0] ?? "").toLowerCase();
}

/**
 * Whether a `NotAction` pattern leaves none of a service's actions: `*`, or `<service>:*` in any case.
 *
 * @example
 * notActionExcludesService("IAM:*", "iam"); // true
 * notActionExcludesService("iam:Get*", "iam"); // false
 */
export function notActionExcludesService(pattern: string, service: string): boolean {
  const [prefix, name] = pattern.trim().split(":");
  if (pattern.trim() === "*") return true;
  return name === "*" && prefix !== undefined && iamWildcardMatches(prefix, service, { ignoreCase: true });
}

/**
 * Whether a statement grants (or denies) some action of a service: one of its action patterns is in it, or
 * its NotAction leaves some of it.
 *
 * @example
 * statementActsInService({ ...statement, actions: ["KMS:Decrypt"] }, "kms"); // true
 */
export function statementActsInService(statement: NormalisedStatement, service: string): boolean {
  if (statement.notActions.length > 0) {
    return !statement.notActions.some((pattern) => notActionExcludesService(pattern, service));
  }
  return statement.actions.some((pattern) =>
    iamWildcardMatches(actionService(pattern), service, { ignoreCase: true }),
  );
}
