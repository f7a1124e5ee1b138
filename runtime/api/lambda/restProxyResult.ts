import type { APIGatewayProxyResult, APIGatewayProxyStructuredResultV2 } from "aws-lambda";

/**
 * A tenant handler's buffered answer (payload 2.0 shape) as a REST API Lambda proxy integration expects it
 * (payload 1.0): `statusCode`, `headers`, `body`, `isBase64Encoded`, and the 2.0 `cookies` as repeated
 * `Set-Cookie` values in `multiValueHeaders` (1.0 has no `cookies`).
 *
 * @example
 * return restProxyResult(await tenantHandler(event));
 */
export function restProxyResult(result: APIGatewayProxyStructuredResultV2): APIGatewayProxyResult {
  const headers: Record<string, string | number | boolean> = { ...result.headers };
  const cookies = result.cookies ?? [];
  return {
    statusCode: result.statusCode ?? 200,
    headers,
    ...(cookies.length > 0 ? { multiValueHeaders: { "set-cookie": [...cookies] } } : {}),
    body: result.body ?? "",
    isBase64Encoded: result.isBase64Encoded === true,
  };
}
