import { randomUUID } from "node:crypto";
import type { TenantApiEvent } from "../../../../runtime/api/createGroupHandler.ts";
import eventFixture from "../../../fixtures/api/tenant-request-event-v2.json" with { type: "json" };

/** What a test request carries. */
export interface ApiEventInput {
  readonly tenantId?: string;
  readonly pathParameters?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly body?: unknown;
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
  readonly sub?: string;
  /** The authorizer context's tenant; defaults to `tenantId`. */
  readonly authorizedTenantId?: string;
  readonly withoutAuthorizer?: boolean;
  /** @default a new UUID, as API Gateway gives each request */
  readonly requestId?: string;
}

/**
 * A real-shaped API Gateway payload 2.0 event for `routeKey` on a tenant's API, as the tenant's Lambda
 * receives it after the edge authorizer allowed it. Path parameters fill the route's `{name}` segments.
 */
export function apiEvent(routeKey: string, input: ApiEventInput = {}): TenantApiEvent {
  const [method = "GET", pathTemplate = "/"] = routeKey.split(" ");
  const tenantId = input.tenantId ?? "acme-health";
  const rawPath = pathTemplate.replace(
    /\{(\w+)\}/g,
    (_match, name: string) => input.pathParameters?.[name] ?? "",
  );
  const base = eventFixture as unknown as TenantApiEvent;
  const query = new URLSearchParams(input.query ?? {}).toString();
  const body = input.rawBody ?? (input.body === undefined ? undefined : JSON.stringify(input.body));
  return {
    ...base,
    routeKey,
    rawPath,
    rawQueryString: query,
    headers: { ...base.headers, ...input.headers },
    ...(input.query ? { queryStringParameters: input.query } : {}),
    ...(input.pathParameters ? { pathParameters: input.pathParameters } : {}),
    ...(body === undefined ? {} : { body }),
    stageVariables: { tenantId },
    requestContext: {
      ...base.requestContext,
      routeKey,
      requestId: input.requestId ?? randomUUID(),
      http: { ...base.requestContext.http, method, path: rawPath },
      ...(input.withoutAuthorizer
        ? { authorizer: undefined }
        : {
            authorizer: {
              lambda: {
                ...(base.requestContext.authorizer?.lambda ?? {}),
                tenantId: input.authorizedTenantId ?? tenantId,
                sub: input.sub ?? "user-123",
              },
            },
          }),
    },
  };
}
