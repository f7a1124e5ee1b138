/** Names that say the variable holds a secret itself (not its id: `*_SECRET_ID`, `*_SECRET_ARN` are ids). */
const secretName =
  /PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_?KEY|SIGNING|CREDENTIAL|(?:^|_)SECRET(?:_?KEY)?$|CLIENT_SECRET/i;

/** Values that are a secret by their shape, each with what it is, for the message. */
const secretShapes: readonly (readonly [RegExp, string])[] = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "a PEM private key"],
  [/^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, "a URL with a password"],
  [/hooks\.slack\.com\/(?:services|workflows|triggers)\//i, "a Slack webhook URL, whose path is its token"],
  [/discord(?:app)?\.com\/api\/webhooks\//i, "a Discord webhook URL, whose path is its token"],
  [/webhook\.office\.com\/|\.logic\.azure\.com\/.*[?&]sig=/i, "a Teams webhook URL with its key"],
  [
    /^https?:\/\/[^?#\s]+\?(?:[^#\s]*&)?(?:token|sig|signature|key|api_?key|access_token|secret|password|code)=[^&#\s]/i,
    "a URL with a token in its query",
  ],
  [/(?:^|[^A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![0-9A-Z])/, "an AWS access key id"],
  [
    /^(?:sk-[A-Za-z0-9_-]{16,}|sk_(?:live|test)_[A-Za-z0-9]{16,}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|xox[abprs]-[A-Za-z0-9-]{10,}|glpat-[A-Za-z0-9_-]{20}|AIza[0-9A-Za-z_-]{35}|hf_[A-Za-z0-9]{30,})$/,
    "a well-known API token",
  ],
];

/** Values that name a secret rather than hold one, or that the kit itself sets: never a secret by entropy. */
const references: readonly RegExp[] = [
  /^arn:/,
  // A `/silo/` secret name, or a qualified environment's `/<qualifier>/silo/` one
  // (components/common/environmentQualifier.ts): `/perf2/silo/acme/providers/` is a name, not a key.
  /^(?:\/[a-z][a-z0-9]{1,9})?\/silo\//,
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/i,
];

/** Shannon entropy of a string in bits per character. */
export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const character of value) counts.set(character, (counts.get(character) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const share = count / value.length;
    bits -= share * Math.log2(share);
  }
  return bits;
}

/**
 * Random-looking values: a run of at least 20 token characters (no separators a name, host or path has),
 * with letters and digits, whose Shannon entropy is at least 3.5 bits per character (generated keys and
 * passwords are near the alphabet's maximum; words and identifiers are well below).
 */
const minimumEntropyLength = 20;
const minimumEntropyBits = 3.5;

/**
 * A name or id in the kit's shape (tenants/tenantId.ts, components/common/resourceNames.ts): lower-case
 * words and numbers joined by `-`, `_` or `.`, mostly words (`acme-health-enterprise-01`,
 * `silo-globex-data-handler`). Long enough and varied enough to pass the entropy bar, but not random: a
 * generated secret has mixed case or few separators. A diceware passphrase has this shape too, so a
 * variable named as a secret is still judged by its name.
 */
function looksLikeName(value: string): boolean {
  if (!/^[a-z0-9]+(?:[-_.][a-z0-9]+)+$/.test(value)) return false;
  const segments = value.split(/[-_.]/);
  const words = segments.filter((segment) => /^[a-z]+$/.test(segment));
  return words.length * 2 > segments.length && segments.every((segment) => segment.length <= 16);
}

/** An http(s) URL with no credentials in it (those are {@link secretShapes}): an issuer, an endpoint. */
const plainUrl = /^https?:\/\/[^\s@]+$/i;

function looksRandom(value: string): boolean {
  if (looksLikeName(value)) return false;
  return (
    value.length >= minimumEntropyLength &&
    /^[A-Za-z0-9+/=_-]+$/.test(value) &&
    /[0-9]/.test(value) &&
    /[A-Za-z]/.test(value) &&
    shannonEntropy(value) >= minimumEntropyBits
  );
}

/**
 * Why an environment variable looks like it holds a secret rather than a reference to one, or undefined:
 * its shape (a PEM private key, a URL with a password or a token, a webhook URL, an AWS access key id, a
 * well-known token prefix such as `sk-`, `ghp_`, `xoxb-`), a random-looking value (high entropy), a name
 * that says so (`*_PASSWORD`, `*_TOKEN`, `*_SIGNING_SECRET`, `JWT_SECRET`, `*_PRIVATE_KEY`) unless the value
 * is an ARN or a `/silo/` (or `/<qualifier>/silo/`) secret name, or one of `knownSecrets`. ARNs, UUIDs, hex hashes and URLs without
 * credentials are references, not secrets.
 *
 * @example
 * secretLikeValue("ALERTS", "https://hooks.slack.com/services/T000/B000/XXXX"); // "a Slack webhook URL, whose path is its token"
 * secretLikeValue("SILO_DB_SECRET_ID", "arn:aws:secretsmanager:us-east-1:123456789012:secret:x"); // undefined
 */
export function secretLikeValue(
  key: string,
  value: string,
  knownSecrets: readonly string[] = [],
): string | undefined {
  if (knownSecrets.some((secret) => secret.length > 0 && value.includes(secret))) return "a known secret";
  const shape = secretShapes.find(([pattern]) => pattern.test(value));
  if (shape !== undefined) return shape[1];
  const reference = references.some((pattern) => pattern.test(value)) || plainUrl.test(value);
  if (reference) return undefined;
  if (secretName.test(key) && value !== "") return `its name says it holds a secret`;
  if (looksRandom(value)) return "a random-looking value (high entropy)";
  return undefined;
}

/**
 * The names of the environment variables that look like secrets (see {@link secretLikeValue}).
 *
 * @example
 * secretLikeValues({ SILO_DB_SECRET_ID: "arn:aws:secretsmanager:...", TOKEN: "sk-abc..." }); // ["TOKEN"]
 */
export function secretLikeValues(
  variables: Readonly<Record<string, string>>,
  knownSecrets: readonly string[] = [],
): string[] {
  return Object.entries(variables)
    .filter(([key, value]) => secretLikeValue(key, value, knownSecrets) !== undefined)
    .map(([key]) => key);
}
