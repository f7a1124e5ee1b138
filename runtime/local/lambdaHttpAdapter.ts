import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { TenantApiEvent } from "../api/createGroupHandler.ts";
import { emptyRecord } from "../core/json/emptyRecord.ts";

/** Reads a request body up to `maxBytes`; resolves undefined when it is larger (the caller answers 413). */
export async function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** What the adapter needs to turn an HTTP request into the tenant Lambda's event. */
export interface EventParts {
  readonly routeKey: string;
  readonly rawPath: string;
  readonly pathParameters: Record<string, string>;
  readonly tenantId: string;
  readonly authorizer: Record<string, unknown> | undefined;
  readonly body: Buffer;
  /**
   * The gateway's id of this request: its `x-request-id` and the event's `requestContext.requestId`.
   * @default a new random UUID
   */
  readonly requestId?: string;
}

/**
 * Builds the API Gateway HTTP API payload 2.0 event a tenant Lambda receives, from a Node HTTP request:
 * lower-cased headers, query parameters (repeated ones joined with commas, as API Gateway does), the
 * stage variable `tenantId`, the authorizer's simple-response context and a base64 body when it is not
 * UTF-8 text.
 */
export function toApiGatewayEvent(request: IncomingMessage, parts: EventParts): TenantApiEvent {
  const url = new URL(request.url ?? "/", "http://localhost");
  const headers = emptyRecord<string>();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
  }
  const query = emptyRecord<string>();
  for (const [name, value] of url.searchParams)
    query[name] = name in query ? `${query[name]},${value}` : value;
  const text = parts.body.toString("utf8");
  const isText = Buffer.from(text, "utf8").equals(parts.body);
  const now = new Date();
  return {
    version: "2.0",
    routeKey: parts.routeKey,
    rawPath: parts.rawPath,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(Object.keys(parts.pathParameters).length > 0 ? { pathParameters: parts.pathParameters } : {}),
    ...(parts.body.length > 0 ? { body: isText ? text : parts.body.toString("base64") } : {}),
    isBase64Encoded: parts.body.length > 0 && !isText,
    stageVariables: { tenantId: parts.tenantId },
    requestContext: {
      accountId: "000000000000",
      apiId: `local-${parts.tenantId}`,
      domainName: headers.host ?? "127.0.0.1",
      domainPrefix: "local",
      http: {
        method: request.method ?? "GET",
        path: parts.rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? "127.0.0.1",
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: parts.requestId ?? randomUUID(),
      routeKey: parts.routeKey,
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(parts.authorizer ? { authorizer: { lambda: parts.authorizer } } : {}),
    },
  } as TenantApiEvent;
}

/**
 * A tenant's response headers with the edge's added (request id, CORS, rate limits), names lower-cased.
 * The edge's win, except `x-request-id`, which the tenant's handler sets to the same id, and `vary`,
 * whose values are joined, each header once.
 */
export function withEdgeHeaders(
  headers: Readonly<Record<string, string | number | boolean>> | undefined,
  edgeHeaders: Readonly<Record<string, string>>,
): Record<string, string> {
  const merged = emptyRecord<string>();
  for (const [name, value] of Object.entries(headers ?? {})) merged[name.toLowerCase()] = String(value);
  for (const [name, value] of Object.entries(edgeHeaders)) {
    if (name === "x-request-id" && merged[name] !== undefined) continue;
    merged[name] = name === "vary" && merged.vary ? joinVary(merged.vary, value) : value;
  }
  return merged;
}

/** Two `vary` values as one, each header named once (both the tenant and the edge vary on Origin). */
function joinVary(first: string, second: string): string {
  const names = [...first.split(","), ...second.split(",")].map((name) => name.trim()).filter(Boolean);
  const seen = new Set<string>();
  return names.filter((name) => !seen.has(name.toLowerCase()) && seen.add(name.toLowerCase())).join(", ");
}

/** Writes a Lambda proxy result (payload 2.0) to a Node HTTP response, with the edge's headers. */
export function writeLambdaResult(
  response: ServerResponse,
  result: APIGatewayProxyStructuredResultV2,
  edgeHeaders: Readonly<Record<string, string>> = {},
): void {
  const headers = withEdgeHeaders(result.headers, edgeHeaders);
  const body =
    result.body === undefined
      ? undefined
      : Buffer.from(result.body, result.isBase64Encoded ? "base64" : "utf8");
  response.writeHead(result.statusCode ?? 200, {
    ...headers,
    ...(body ? { "content-length": String(body.length) } : {}),
  });
  response.end(body);
}
