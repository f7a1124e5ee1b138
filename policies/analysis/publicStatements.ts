import type { NormalisedStatement } from "./normaliseStatements.ts";

/**
 * The Allow statements of a resource policy that let anyone in: Principal `*` (or `NotPrincipal`) without a
 * condition, each described as `statement <sid or index> allows <actions> to every principal`.
 *
 * @example
 * publicStatements(normaliseStatements('{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}') ?? []);
 * // ['statement 0 allows s3:GetObject to every principal without a condition']
 */
export function publicStatements(statements: readonly NormalisedStatement[]): string[] {
  return statements.flatMap((statement, index) => {
    if (statement.effect !== "Allow" || statement.conditions.length > 0) return [];
    const everyone =
      statement.principals.anyone || statement.notPrincipals.aws.length > 0 || statement.notPrincipals.anyone;
    if (!everyone) return [];
    const actions =
      statement.actions.length > 0 ? statement.actions.join(", ") : "every action but NotAction";
    return [`statement ${statement.sid ?? index} allows ${actions} to every principal without a condition`];
  });
}
