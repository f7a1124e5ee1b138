/** One IAM policy statement, as written (Action and Resource may be a string or a list). */
export interface IamStatement {
  readonly effect: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  /** `Principal` (resource and key policies): `*` or the AWS principals, ARNs or account ids. */
  readonly awsPrincipals: readonly string[];
  /** `Principal.Service` (resource and key policies): the AWS services named, e.g. `logs.us-east-1.amazonaws.com`. */
  readonly servicePrincipals: readonly string[];
  /** Condition keys the statement tests, e.g. `kms:ViaService`. */
  readonly conditionKeys: readonly string[];
  /** Each condition test: its operator (`StringEquals`), key and values as written. */
  readonly conditions: readonly IamCondition[];
}

/** One test of a statement's `Condition`: `{ "<operator>": { "<key>": <values> } }`. */
export interface IamCondition {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

/**
 * The statements of an IAM policy document given as JSON text or an object; an unparsable or empty document
 * has none (AWS rejects those itself).
 *
 * @example
 * policyStatements('{"Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]}');
 * // [{ effect: "Allow", actions: ["kms:Decrypt"], resources: ["*"], awsPrincipals: [], servicePrincipals: [], conditionKeys: [], conditions: [] }]
 */
export function policyStatements(document: unknown): IamStatement[] {
  const parsed = parsePolicyDocument(document);
  if (parsed === null || typeof parsed !== "object") return [];
  const statements = [(parsed as { Statement?: unknown }).Statement ?? []].flat();
  return statements
    .filter(
      (statement): statement is Record<string, unknown> =>
        statement !== null && typeof statement === "object",
    )
    .map((statement) => {
      const conditions = Object.entries(asObject(statement.Condition)).flatMap(([operator, test]) =>
        Object.entries(asObject(test)).map(([key, values]) => ({
          operator,
          key,
          values: listOfStrings(typeof values === "boolean" ? String(values) : values),
        })),
      );
      return {
        effect: String(statement.Effect ?? ""),
        actions: listOfStrings(statement.Action),
        resources: listOfStrings(statement.Resource),
        awsPrincipals: awsPrincipals(statement.Principal),
        servicePrincipals: listOfStrings(asObject(statement.Principal).Service),
        conditionKeys: conditions.map((condition) => condition.key),
        conditions,
      };
    });
}

function asObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};
}

function awsPrincipals(principal: unknown): string[] {
  if (principal === "*") return ["*"];
  return listOfStrings(asObject(principal).AWS);
}

function listOfStrings(value: unknown): string[] {
  return [value ?? []].flat().filter((entry): entry is string => typeof entry === "string");
}

/**
 * A policy document as an object: JSON text parsed, an object as it is; undefined for text that is not
 * JSON (a document the plan cannot read yet, such as an unresolved value).
 */
export function parsePolicyDocument(document: unknown): unknown {
  if (typeof document !== "string") return document;
  try {
    return JSON.parse(document);
  } catch {
    return undefined;
  }
}
