import type { ServerResponse } from "node:http";
import { isStreamResult, type TenantApiResult } from "../api/tenantApiResult.ts";
import { writeLambdaResult } from "./lambdaHttpAdapter.ts";
import { type StreamOutcome, writeStreamAnswer } from "./writeStreamAnswer.ts";

/**
 * Writes a tenant handler's result, whole or streamed, to a Node HTTP response: for a server that calls
 * the handler in its own process (tests, tools) rather than through a tenant process and the gateway.
 *
 * @example
 * createServer(async (request, response) => {
 *   await writeTenantApiResult(response, await handler(toApiGatewayEvent(request, parts)));
 * });
 */
export async function writeTenantApiResult(
  response: ServerResponse,
  result: TenantApiResult,
  edgeHeaders: Readonly<Record<string, string>> = {},
): Promise<StreamOutcome> {
  if (!isStreamResult(result)) {
    writeLambdaResult(response, result, edgeHeaders);
    return { outcome: "complete" };
  }
  return writeStreamAnswer(
    response,
    { head: { statusCode: result.statusCode, headers: result.headers }, chunks: result.body },
    edgeHeaders,
    () => undefined,
  );
}
