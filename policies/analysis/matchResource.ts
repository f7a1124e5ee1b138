import { iamWildcardMatches } from "./iamWildcard.ts";
import type { NormalisedStatement } from "./normaliseStatements.ts";

/**
 * Whether a resource pattern of a policy covers a resource ARN (or name). `*` and `?` match any characters,
 * `/` and `:` included, so `arn:aws:secretsmanager:*:*:secret:/silo/*` covers every tenant's secrets and
 * `arn:aws:logs:*:*:log-group:/aws/lambda/silo-acme-*` the log groups of tenant `acme-health` too. ARNs are
 * case-sensitive, unlike actions.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 * @example
 * resourceMatches("arn:aws:secretsmanager:*:*:secret:/silo/*", "arn:aws:secretsmanager:us-east-1:123456789012:secret:/silo/initech/ledger-role-AbCd"); // true
 * resourceMatches("arn:aws:kms:us-east-1:123456789012:key/k1", "arn:aws:kms:us-east-1:123456789012:key/K1"); // false
 */
export function resourceMatches(pattern: string, resource: string): boolean {
  return iamWildcardMatches(pattern.trim(), resource.trim());
}

/**
 * Whether a statement names a resource: one of its `Resource` patterns covers it, or it has `NotResource` and
 * none of those does. A statement with neither (a trust policy's, or a resource policy's where the resource
 * is implied) covers the resource it is attached to, which is every resource it can be asked about.
 *
 * @example
 * statementCoversResource({ ...statement, notResources: ["arn:aws:s3:::logs/*"] }, "arn:aws:secretsmanager:us-east-1:1:secret:/silo/acme/x"); // true
 */
export function statementCoversResource(statement: NormalisedStatement, resource: string): boolean {
  if (statement.notResources.length > 0) {
    return !statement.notResources.some((pattern) => resourceMatches(pattern, resource));
  }
  if (statement.resources.length === 0) return true;
  return statement.resources.some((pattern) => resourceMatches(pattern, resource));
}
