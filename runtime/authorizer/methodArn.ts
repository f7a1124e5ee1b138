/** The parts of a REST API method ARN: `arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/<METHOD>/<path>`. */
export interface MethodArn {
  readonly region: string;
  readonly accountId: string;
  readonly apiId: string;
  readonly stage: string;
  readonly httpMethod: string;
  /** The invoked path with its leading slash: `/v1/conversations/0b7e.../messages`. */
  readonly path: string;
}

const methodArnPattern =
  /^arn:aws[a-z-]*:execute-api:([a-z0-9-]+):(\d{12}):([A-Za-z0-9]+)\/([^/]+)\/([A-Z]+)\/(.*)$/;

/**
 * Reads the method ARN of a REST REQUEST authorizer event. A wildcard (`*` or `?`) anywhere is refused: API
 * Gateway sends the ARN of the one invoked method, so a wildcard means the event was not API Gateway's,
 * and a policy built on it would cover more than that method.
 *
 * @example
 * parseMethodArn("arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/POST/v1/chat/completions");
 * // { region: "eu-west-1", accountId: "123456789012", apiId: "a1b2c3d4e5", stage: "prod",
 * //   httpMethod: "POST", path: "/v1/chat/completions" }
 */
export function parseMethodArn(arn: unknown): MethodArn | undefined {
  if (typeof arn !== "string" || arn.length > 2048 || /[*?]/.test(arn)) return undefined;
  const match = methodArnPattern.exec(arn);
  if (match === null) return undefined;
  const [, region = "", accountId = "", apiId = "", stage = "", httpMethod = "", path = ""] = match;
  return { region, accountId, apiId, stage, httpMethod, path: `/${path}` };
}

/** What the method ARN must agree with: the event's own API, stage, method and resource. */
export interface InvokedMethod {
  readonly apiId: unknown;
  readonly stage: unknown;
  readonly httpMethod: string;
  /** The REST resource (the route table's path), `{name}` for a path parameter. */
  readonly resource: string;
}

/**
 * True when `arn` names the method the event describes: the same API, stage and HTTP method, and a path
 * the resource matches segment by segment (a literal segment exactly, `{name}` any one non-empty segment).
 * So the policy the authorizer returns covers the route whose scope it checked, and no other.
 *
 * @example
 * methodArnMatches(parseMethodArn(event.methodArn), { apiId: "a1b2c3d4e5", stage: "prod",
 *   httpMethod: "GET", resource: "/v1/conversations/{conversationId}" });
 */
export function methodArnMatches(arn: MethodArn, invoked: InvokedMethod): boolean {
  if (arn.apiId !== invoked.apiId || arn.stage !== invoked.stage || arn.httpMethod !== invoked.httpMethod)
    return false;
  const pathSegments = arn.path.split("/");
  const resourceSegments = invoked.resource.split("/");
  if (pathSegments.length !== resourceSegments.length) return false;
  return resourceSegments.every((segment, index) => {
    const actual = pathSegments[index] ?? "";
    return segment.startsWith("{") && segment.endsWith("}") ? actual.length > 0 : segment === actual;
  });
}
