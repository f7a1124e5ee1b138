import { randomUUID } from "node:crypto";
import type { APIGatewayProxyEvent } from "aws-lambda";
import eventFixture from "../../../fixtures/api/tenant-request-event-rest.json" with { type: "json" };
import type { ApiEventInput } from "./apiEvent.ts";

/**
 * A real-shaped REST API Lambda proxy event (payload 1.0, test/fixtures/api/tenant-request-event-rest.json)
 * for `routeKey` on a tenant's API, as the tenant's Lambda receives it after the shared authorizer allowed
 * it: the authorizer's context flattened into `requestContext.authorizer` beside `principalId` and
 * `integrationLatency`. Path parameters fill the route's `{name}` segments.
 */
export function restApiEvent(routeKey: string, input: ApiEventInput = {}): APIGatewayProxyEvent {
  const [method = "GET", resource = "/"] = routeKey.split(" ");
  const tenantId = input.tenantId ?? "acme-health";
  const path = resource.replace(/\{(\w+)\}/g, (_match, name: string) => input.pathParameters?.[name] ?? "");
  const base = eventFixture as unknown as APIGatewayProxyEvent;
  const body = input.rawBody ?? (input.body === undefined ? null : JSON.stringify(input.body));
  const headers = { ...base.headers, ...input.headers };
  const sub = input.sub ?? "user-123";
  return {
    ...base,
    resource,
    path,
    httpMethod: method,
    headers,
    multiValueHeaders: Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name, [value ?? ""]]),
    ),
    queryStringParameters: input.query ?? null,
    multiValueQueryStringParameters: input.query
      ? Object.fromEntries(Object.entries(input.query).map(([name, value]) => [name, [value]]))
      : null,
    pathParameters: input.pathParameters ?? null,
    stageVariables: { tenantId },
    body,
    requestContext: {
      ...base.requestContext,
      httpMethod: method,
      path: `/${base.requestContext.stage}${path}`,
      resourcePath: resource,
      requestId: input.requestId ?? randomUUID(),
      authorizer: input.withoutAuthorizer
        ? null
        : {
            ...base.requestContext.authorizer,
            tenantId: input.authorizedTenantId ?? tenantId,
            sub,
            principalId: sub,
          },
    },
  };
}
