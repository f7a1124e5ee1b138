/**
 * True for a plain JSON object whose values are all strings (e.g. a parsed `SILO_MODEL_PROFILE_ARNS`, or the
 * `revision` of a ledger enrollment invocation); false for arrays, null and anything else.
 *
 * @example
 * isStringMap(JSON.parse('{"haiku":"arn:aws:bedrock:..."}')); // true
 */
export function isStringMap(value: unknown): value is Record<string, string> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((entry) => typeof entry === "string")
  );
}
