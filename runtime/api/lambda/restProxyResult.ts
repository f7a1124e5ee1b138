import type { APIGatewayProxyResult, APIGatewayProxyStructuredResultV2 } from "aws-lambda";

/** Media types whose bodies are text: the REST API carries them as they are, with no binary media type. */
const textMediaType = /^\s*(text\/|application\/(json|jsonl|x-ndjson|[\w.-]+\+json)\s*(;|$))|;\s*charset=/i;

/**
 * A tenant handler's buffered answer (payload 2.0 shape) as a REST API Lambda proxy integration expects it
 * (payload 1.0): `statusCode`, `headers`, `body`, `isBase64Encoded`, and the 2.0 `cookies` as repeated
 * `Set-Cookie` values in `multiValueHeaders` (1.0 has no `cookies`). A base64 body of a text type that is
 * UTF-8 (an export's JSON Lines) is sent as text: API Gateway decodes a base64 proxy body only when the API
 * lists its type in `binaryMediaTypes` and the client's first `Accept` matches
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html), and
 * the tenant APIs list none, so the client would get the base64 text.
 *
 * @example
 * return restProxyResult(await tenantHandler(event));
 */
export function restProxyResult(result: APIGatewayProxyStructuredResultV2): APIGatewayProxyResult {
  const headers: Record<string, string | number | boolean> = { ...result.headers };
  const cookies = result.cookies ?? [];
  const body = result.body ?? "";
  const text = result.isBase64Encoded === true ? utf8TextOf(body, headers) : body;
  return {
    statusCode: result.statusCode ?? 200,
    headers,
    ...(cookies.length > 0 ? { multiValueHeaders: { "set-cookie": [...cookies] } } : {}),
    body: text ?? body,
    isBase64Encoded: text === undefined,
  };
}

/** The base64 body as text when its content type is textual and its bytes are UTF-8, else undefined. */
function utf8TextOf(base64: string, headers: Record<string, string | number | boolean>): string | undefined {
  const contentType = Object.entries(headers).find(([name]) => name.toLowerCase() === "content-type")?.[1];
  if (typeof contentType !== "string" || !textMediaType.test(contentType)) return undefined;
  const bytes = Buffer.from(base64, "base64");
  const text = bytes.toString("utf8");
  return Buffer.from(text, "utf8").equals(bytes) ? text : undefined;
}
