/**
 * The shape of a tenant id: a lowercase slug of 3 to 32 characters that starts with a letter, ends with a
 * letter or digit, and never has two hyphens in a row. It is used in resource names, URL paths, database
 * role names (with `-` mapped to `_`) and the `tenant_id` token claim, so it is deliberately ASCII-only:
 * look-alike Unicode letters can never match.
 */
export const tenantIdPattern = /^[a-z](?:[a-z0-9]|-(?!-)){1,30}[a-z0-9]$/;

/** Plain-words description of {@link tenantIdPattern}, for error messages. */
export const tenantIdRule =
  "3-32 characters of a-z, 0-9 and single hyphens, starting with a letter and ending with a letter or digit";

/**
 * True when `value` is a string that is a well-formed tenant id.
 *
 * @example
 * isTenantId("acme-health"); // true
 * isTenantId("Acme"); // false
 */
export function isTenantId(value: unknown): value is string {
  return typeof value === "string" && tenantIdPattern.test(value);
}
