import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { TenantApiEvent } from "../createGroupHandler.ts";
import { bufferStreamResult, isStreamResult, type TenantApiResult } from "../tenantApiResult.ts";

/**
 * A tenant handler as an HTTP API integration invokes it: HTTP APIs buffer every response, so a streamed
 * answer is collected and returned whole (the same bytes: OpenAI clients parse the events all the same,
 * only later). Streaming to the caller as it is produced needs the REST API edge (issue #20).
 */
export function bufferedLambdaHandler(
  handler: (event: TenantApiEvent) => Promise<TenantApiResult>,
): (event: TenantApiEvent) => Promise<APIGatewayProxyStructuredResultV2> {
  return async (event) => {
    const result = await handler(event);
    return isStreamResult(result) ? await bufferStreamResult(result) : result;
  };
}
