/**
 * Environment variables whose value looks like a secret rather than a reference to one: a long run of
 * letters and digits with no separator (passwords, API keys, tokens), an AWS access key id, a PEM block, or
 * a connection string with credentials; or whose name says it holds one (PASSWORD, TOKEN, API_KEY, PRIVATE);
 * or that contains one of `knownSecrets`. ARNs, host names, paths and JSON documents do not match.
 *
 * @example
 * secretLikeValues({ SILO_DB_SECRET_ID: "arn:aws:secretsmanager:...", TOKEN: "sk-abc..." }); // ["TOKEN"]
 */
export function secretLikeValues(
  variables: Readonly<Record<string, string>>,
  knownSecrets: readonly string[] = [],
): string[] {
  return Object.entries(variables)
    .filter(
      ([key, value]) =>
        /PASSWORD|TOKEN|API_KEY|PRIVATE/i.test(key) ||
        knownSecrets.some((secret) => secret.length > 0 && value.includes(secret)) ||
        /^[A-Za-z0-9+_=-]{20,}$/.test(value) ||
        /AKIA[0-9A-Z]{16}/.test(value) ||
        /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value) ||
        /:\/\/[^/\s:@]+:[^/\s@]+@/.test(value),
    )
    .map(([key]) => key);
}
