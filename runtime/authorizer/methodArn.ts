/** The parts of a REST API method ARN: `arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/<METHOD>/<path>`. */
export interface MethodArn {
  /** `aws`, `aws-cn`, `aws-us-gov`. */
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly apiId: string;
  readonly stage: string;
  readonly httpMethod: string;
  /** The invoked path with its leading slash: `/v1/conversations/0b7e.../messages`. */
  readonly path: string;
}

const methodArnPattern =
  /^arn:(aws[a-z-]*):execute-api:([a-z0-9-]+):(\d{12}):([A-Za-z0-9]+)\/([^/]+)\/([A-Z]+)\/(.*)$/;

/**
 * Reads the method ARN of a REST REQUEST authorizer event. A wildcard (`*` or `?`) anywhere is refused: API
 * Gateway sends the ARN of the one invoked method, so a wildcard means the event was not API Gateway's,
 * and a policy built on it would cover more than that method.
 *
 * @example
 * parseMethodArn("arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/POST/v1/chat/completions");
 * // { partition: "aws", region: "eu-west-1", accountId: "123456789012", apiId: "a1b2c3d4e5", stage: "prod",
 * //   httpMethod: "POST", path: "/v1/chat/completions" }
 */
export function parseMethodArn(arn: unknown): MethodArn | undefined {
  if (typeof arn !== "string" || arn.length > 2048 || /[*?]/.test(arn)) return undefined;
  const match = methodArnPattern.exec(arn);
  if (match === null) return undefined;
  const [, partition = "", region = "", accountId = "", apiId = "", stage = "", httpMethod = "", path = ""] =
    match;
  return { partition, region, accountId, apiId, stage, httpMethod, path: `/${path}` };
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

/**
 * The ARN of a route: the invoked method ARN with each path-parameter segment of the resource as `*`. It is
 * what the authorizer's policy allows: API Gateway caches the policy by the identity sources (token, method,
 * resource path) and applies it to the next calls of the same route, whose path parameters differ (another
 * conversation); a policy on the one invoked path would answer those 403 for the cache's TTL. The cache key
 * holds the route, so the policy is never applied to another route. Without path parameters it is the
 * method ARN itself.
 *
 * @example
 * routeArn(parseMethodArn(".../a1b2c3d4e5/prod/GET/v1/conversations/c-1"), "/v1/conversations/{conversationId}");
 * // "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/v1/conversations/*"
 */
export function routeArn(arn: MethodArn, resource: string): string {
  const path = resource.replace(/\{[^/{}]+\}/g, "*");
  return `arn:${arn.partition}:execute-api:${arn.region}:${arn.accountId}:${arn.apiId}/${arn.stage}/${arn.httpMethod}${path}`;
}
