/** One IAM policy statement, as written (Action and Resource may be a string or a list). */
export interface IamStatement {
  readonly effect: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

/**
 * The statements of an IAM policy document given as JSON text or an object; an unparsable or empty document
 * has none (AWS rejects those itself).
 *
 * @example
 * policyStatements('{"Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]}');
 * // [{ effect: "Allow", actions: ["kms:Decrypt"], resources: ["*"] }]
 */
export function policyStatements(document: unknown): IamStatement[] {
  let parsed: unknown = document;
  if (typeof document === "string") {
    try {
      parsed = JSON.parse(document);
    } catch {
      return [];
    }
  }
  if (parsed === null || typeof parsed !== "object") return [];
  const statements = [(parsed as { Statement?: unknown }).Statement ?? []].flat();
  return statements
    .filter(
      (statement): statement is Record<string, unknown> =>
        statement !== null && typeof statement === "object",
    )
    .map((statement) => ({
      effect: String(statement.Effect ?? ""),
      actions: listOfStrings(statement.Action),
      resources: listOfStrings(statement.Resource),
    }));
}

function listOfStrings(value: unknown): string[] {
  return [value ?? []].flat().filter((entry): entry is string => typeof entry === "string");
}
