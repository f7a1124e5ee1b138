/**
 * Whether `value` is matched by an IAM pattern, where `*` stands for any run of characters (`/` and `:`
 * included) and `?` for exactly one, as IAM evaluates Action, Resource and `StringLike`/`ArnLike` values.
 * Service prefixes and action names are case-insensitive in IAM, resource ARNs are not: the caller says
 * which. Policy variables (`${aws:username}`) are not expanded: they match themselves only, so a rule
 * never assumes what they resolve to.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
 * @example
 * iamWildcardMatches("secretsmanager:Get*", "SecretsManager:GetSecretValue", { ignoreCase: true }); // true
 * iamWildcardMatches("arn:aws:secretsmanager:*:*:secret:/silo/*", "arn:aws:secretsmanager:us-east-1:1:secret:/silo/acme/x"); // true
 */
export function iamWildcardMatches(
  pattern: string,
  value: string,
  options: { readonly ignoreCase?: boolean } = {},
): boolean {
  return wildcardRegExp(pattern, options.ignoreCase ?? false).test(value);
}

/** Whether a pattern has a wildcard at all: a literal names one thing, a wildcard a family of them. */
export function hasIamWildcard(pattern: string): boolean {
  return pattern.includes("*") || pattern.includes("?");
}

const cache = new Map<string, RegExp>();

function wildcardRegExp(pattern: string, ignoreCase: boolean): RegExp {
  const key = `${ignoreCase ? "i" : "s"}${pattern}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const source = [...pattern]
    .map((character) => {
      if (character === "*") return "[\\s\\S]*";
      if (character === "?") return "[\\s\\S]";
      return character.replace(/[.+^${}()|[\]\\/-]/g, "\\$&");
    })
    .join("");
  const compiled = new RegExp(`^${source}$`, ignoreCase ? "i" : "");
  cache.set(key, compiled);
  return compiled;
}
