/**
 * A policy document input (JSON text or an object) with one more statement, as JSON text; undefined when
 * the input is not a readable document. For rules' `mutations` (siloPolicy.ts), which add one bad grant to a
 * compliant policy.
 *
 * @example
 * withStatement('{"Statement":[]}', { Effect: "Allow", Action: "kms:*", Resource: "*" });
 * // '{"Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}'
 */
export function withStatement(
  document: unknown,
  statement: Readonly<Record<string, unknown>>,
): string | undefined {
  let parsed: unknown = document;
  if (typeof document === "string") {
    try {
      parsed = JSON.parse(document);
    } catch {
      return undefined;
    }
  }
  if (parsed === null || typeof parsed !== "object") return undefined;
  const existing = (parsed as { Statement?: unknown }).Statement;
  const statements = existing === undefined ? [] : [existing].flat();
  return JSON.stringify({ ...parsed, Statement: [...statements, statement] });
}
