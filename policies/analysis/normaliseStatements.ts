/**
 * Who a resource, key or trust policy statement names, split by kind as IAM reads `Principal` (or
 * `NotPrincipal`): `"*"` and `{ "AWS": "*" }` both mean anyone, and are kept as `anyone` so a rule never has
 * to spot both spellings.
 */
export interface StatementPrincipals {
  /** `"Principal": "*"` or an AWS principal of `*`: every principal of every account. */
  readonly anyone: boolean;
  /** Account ids, account root ARNs, role, user and assumed-role ARNs, as written. */
  readonly aws: readonly string[];
  /** Service principals, e.g. `lambda.amazonaws.com`. */
  readonly service: readonly string[];
  /** Identity providers (OIDC, SAML, `cognito-identity.amazonaws.com`). */
  readonly federated: readonly string[];
  readonly canonicalUser: readonly string[];
}

/** One test of a statement's `Condition`: `{ "<operator>": { "<key>": <values> } }`. */
export interface StatementCondition {
  /** As written, e.g. `StringEquals`, `ArnLike`, `ForAnyValue:StringLike`, `StringEqualsIfExists`. */
  readonly operator: string;
  /** As written; IAM compares keys case-insensitively. */
  readonly key: string;
  /** Values as strings (`true`, numbers and booleans written without quotes included). */
  readonly values: readonly string[];
}

/**
 * One policy statement in the one shape every analysis reads, whatever way it was written: Action and
 * Resource as a string or a list, `NotAction`/`NotResource` instead, Principal as `"*"` or an object of
 * strings or lists. A list that the statement does not have is empty: a statement with `notActions` has no
 * `actions`, and the other way round.
 */
export interface NormalisedStatement {
  readonly sid: string | undefined;
  readonly effect: "Allow" | "Deny";
  readonly actions: readonly string[];
  /** `NotAction`: with Allow, every action but these, which is how a "deny-list" grants far too much. */
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  /** `NotResource`: every resource but these. */
  readonly notResources: readonly string[];
  /** `Principal`; absent (all empty, `anyone` false) in identity policies. */
  readonly principals: StatementPrincipals;
  /** `NotPrincipal`: everyone but these. */
  readonly notPrincipals: StatementPrincipals;
  readonly conditions: readonly StatementCondition[];
}

/** Principals of a statement that names none: an identity policy's, whose principal is who it is attached to. */
export const noPrincipals: StatementPrincipals = {
  anyone: false,
  aws: [],
  service: [],
  federated: [],
  canonicalUser: [],
};

/**
 * The statements of a policy document given as JSON text (as `JSON.stringify` and `aws.iam.getPolicyDocument`
 * give it) or as an object, or `undefined` when the document cannot be read: text that is not JSON (a value
 * still unknown during a preview) or a document without statements. A statement whose Effect is neither
 * Allow nor Deny is dropped: AWS rejects the whole document, so it grants nothing.
 *
 * @example
 * normaliseStatements('{"Statement":{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}}');
 * // [{ sid: undefined, effect: "Allow", actions: [], notActions: ["iam:*"], resources: ["*"], ... }]
 */
export function normaliseStatements(document: unknown): NormalisedStatement[] | undefined {
  const parsed = parseDocument(document);
  if (parsed === null || typeof parsed !== "object") return undefined;
  const statement = (parsed as { Statement?: unknown }).Statement;
  if (statement === undefined || statement === null) return undefined;
  return [statement]
    .flat()
    .filter((entry): entry is Record<string, unknown> => entry !== null && typeof entry === "object")
    .flatMap((entry) => {
      const effect = entry.Effect;
      if (effect !== "Allow" && effect !== "Deny") return [];
      return [
        {
          sid: typeof entry.Sid === "string" ? entry.Sid : undefined,
          effect,
          actions: strings(entry.Action),
          notActions: strings(entry.NotAction),
          resources: strings(entry.Resource),
          notResources: strings(entry.NotResource),
          principals: principalsOf(entry.Principal),
          notPrincipals: principalsOf(entry.NotPrincipal),
          conditions: conditionsOf(entry.Condition),
        },
      ];
    });
}

function parseDocument(document: unknown): unknown {
  if (typeof document !== "string") return document;
  try {
    return JSON.parse(document);
  } catch {
    return undefined;
  }
}

function principalsOf(principal: unknown): StatementPrincipals {
  if (principal === undefined || principal === null) return noPrincipals;
  if (principal === "*") return { ...noPrincipals, anyone: true };
  const record = asRecord(principal);
  const aws = strings(record.AWS);
  return {
    anyone: aws.includes("*"),
    aws: aws.filter((entry) => entry !== "*"),
    service: strings(record.Service),
    federated: strings(record.Federated),
    canonicalUser: strings(record.CanonicalUser),
  };
}

function conditionsOf(condition: unknown): StatementCondition[] {
  return Object.entries(asRecord(condition)).flatMap(([operator, test]) =>
    Object.entries(asRecord(test)).map(([key, values]) => ({ operator, key, values: strings(values) })),
  );
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** A value IAM reads as one string or a list of them; numbers and booleans count as their text. */
export function strings(value: unknown): string[] {
  return [value ?? []]
    .flat()
    .filter((entry) => ["string", "number", "boolean"].includes(typeof entry))
    .map(String);
}
