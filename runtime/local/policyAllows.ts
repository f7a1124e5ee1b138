/** A statement as a Lambda authorizer may return it: single values or lists. */
interface PolicyStatement {
  readonly Effect?: unknown;
  readonly Action?: unknown;
  readonly Resource?: unknown;
}

const invokeActions = new Set(["execute-api:invoke", "execute-api:*", "*"]);

/**
 * Evaluates an authorizer's policy document against the invoked method ARN as API Gateway does: allowed
 * when an `Allow` statement on `execute-api:Invoke` covers the ARN and no `Deny` statement does. Resources
 * match IAM-style: `*` any run of characters (slashes included), `?` any one character, everything else
 * literally. Anything unreadable (no statements, an unknown effect) allows nothing.
 *
 * @example
 * policyAllows({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "execute-api:Invoke",
 *   Resource: "arn:aws:execute-api:local:000000000000:abc/local/GET/v1/conversations/*" }] },
 *   "arn:aws:execute-api:local:000000000000:abc/local/GET/v1/conversations/c-1"); // true
 */
export function policyAllows(policyDocument: unknown, methodArn: string): boolean {
  const statements = listOf((policyDocument as { Statement?: unknown } | null | undefined)?.Statement);
  let allowed = false;
  for (const statement of statements as PolicyStatement[]) {
    if (!covers(statement, methodArn)) continue;
    if (statement.Effect === "Deny") return false;
    if (statement.Effect === "Allow") allowed = true;
  }
  return allowed;
}

function covers(statement: PolicyStatement, methodArn: string): boolean {
  if (statement === null || typeof statement !== "object") return false;
  const actionMatches = listOf(statement.Action).some(
    (action) => typeof action === "string" && invokeActions.has(action.toLowerCase()),
  );
  return (
    actionMatches &&
    listOf(statement.Resource).some(
      (resource) => typeof resource === "string" && wildcardMatch(resource, methodArn),
    )
  );
}

function listOf(value: unknown): readonly unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * Compiled resource patterns: an authorizer's cached policy is evaluated on every call, and building the
 * expression is most of the cost of an evaluation. Bounded, as patterns come from authorizer answers.
 */
const compiledPatterns = new Map<string, RegExp>();
const maxCompiledPatterns = 1000;

/** IAM's resource match: `*` any characters, `?` one character, case-sensitive. */
function wildcardMatch(pattern: string, value: string): boolean {
  let expression = compiledPatterns.get(pattern);
  if (expression === undefined) {
    const source = pattern
      .split("")
      .map((character) =>
        character === "*" ? ".*" : character === "?" ? "." : character.replace(/[.+^${}()|[\]\\/-]/g, "\\$&"),
      )
      .join("");
    expression = new RegExp(`^${source}$`, "s");
    if (compiledPatterns.size >= maxCompiledPatterns) compiledPatterns.clear();
    compiledPatterns.set(pattern, expression);
  }
  return expression.test(value);
}
