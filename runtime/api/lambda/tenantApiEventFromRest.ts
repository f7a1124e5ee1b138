import type { APIGatewayProxyEvent } from "aws-lambda";
import { emptyRecord } from "../../core/json/emptyRecord.ts";
import type { TenantApiEvent } from "../createGroupHandler.ts";

/** Keys API Gateway adds to a REST API's authorizer context; the rest is the authorizer's own context. */
const gatewayAuthorizerKeys = new Set(["principalId", "integrationLatency"]);

/**
 * A REST API Lambda proxy event (payload 1.0) in the shape the tenant runtime reads, HTTP API payload 2.0:
 * `routeKey` is `METHOD resource` (the route table's path, e.g. `POST /v1/conversations/{conversationId}/messages`);
 * header names lower-cased, repeated values joined with commas and the `Cookie` header moved to `cookies`,
 * as HTTP APIs do; query values likewise joined; the authorizer's flattened context becomes
 * `requestContext.authorizer.lambda`, without the gateway's `principalId` and `integrationLatency`.
 *
 * @example
 * const result = await tenantHandler(tenantApiEventFromRest(event));
 */
export function tenantApiEventFromRest(event: APIGatewayProxyEvent): TenantApiEvent {
  const routeKey = `${event.httpMethod} ${event.resource}`;
  const headers = lowerCasedHeaders(event);
  const cookieHeader = headers.cookie;
  delete headers.cookie;
  const query = joinedValues(event.multiValueQueryStringParameters, event.queryStringParameters);
  const context = event.requestContext;
  const authorizer = context.authorizer ?? undefined;
  const sourceIp = context.identity?.sourceIp ?? "";
  const userAgent = context.identity?.userAgent ?? headers["user-agent"] ?? "";
  return {
    version: "2.0",
    routeKey,
    rawPath: event.path,
    rawQueryString: rawQueryString(event),
    ...(cookieHeader === undefined ? {} : { cookies: cookieHeader.split(/;\s*/).filter(Boolean) }),
    headers,
    ...(query === undefined ? {} : { queryStringParameters: query }),
    ...(event.pathParameters ? { pathParameters: { ...event.pathParameters } } : {}),
    ...(event.stageVariables ? { stageVariables: { ...event.stageVariables } } : {}),
    ...(event.body === null || event.body === undefined ? {} : { body: event.body }),
    isBase64Encoded: event.isBase64Encoded === true,
    requestContext: {
      accountId: context.accountId,
      apiId: context.apiId,
      domainName: context.domainName ?? headers.host ?? "",
      domainPrefix: context.domainPrefix ?? "",
      http: {
        method: event.httpMethod,
        path: event.path,
        protocol: context.protocol ?? "HTTP/1.1",
        sourceIp,
        userAgent,
      },
      requestId: context.requestId,
      routeKey,
      stage: context.stage,
      time: context.requestTime ?? "",
      timeEpoch: context.requestTimeEpoch ?? 0,
      ...(authorizer ? { authorizer: { lambda: authorizerContext(authorizer) } } : {}),
    },
  };
}

/** Header names lower-cased, repeated headers joined with `,` (cookies with `; `), as payload 2.0 has them. */
function lowerCasedHeaders(event: APIGatewayProxyEvent): Record<string, string> {
  const headers = emptyRecord<string>();
  const multi = event.multiValueHeaders ?? {};
  for (const [name, values] of Object.entries(multi)) {
    if (values === undefined || values.length === 0) continue;
    const key = name.toLowerCase();
    const separator = key === "cookie" ? "; " : ",";
    headers[key] =
      headers[key] === undefined
        ? values.join(separator)
        : `${headers[key]}${separator}${values.join(separator)}`;
  }
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    const key = name.toLowerCase();
    if (value !== undefined && headers[key] === undefined) headers[key] = value;
  }
  return headers;
}

function joinedValues(
  multi: Record<string, string[] | undefined> | null,
  single: Record<string, string | undefined> | null,
): Record<string, string> | undefined {
  const joined = emptyRecord<string>();
  for (const [name, values] of Object.entries(multi ?? {})) {
    if (values !== undefined && values.length > 0) joined[name] = values.join(",");
  }
  for (const [name, value] of Object.entries(single ?? {})) {
    if (value !== undefined && joined[name] === undefined) joined[name] = value;
  }
  return Object.keys(joined).length === 0 ? undefined : joined;
}

function rawQueryString(event: APIGatewayProxyEvent): string {
  const search = new URLSearchParams();
  const multi = event.multiValueQueryStringParameters;
  if (multi) {
    for (const [name, values] of Object.entries(multi))
      for (const value of values ?? []) search.append(name, value);
  } else {
    for (const [name, value] of Object.entries(event.queryStringParameters ?? {}))
      if (value !== undefined) search.append(name, value);
  }
  return search.toString();
}

function authorizerContext(authorizer: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(authorizer).filter(([key]) => !gatewayAuthorizerKeys.has(key)));
}
