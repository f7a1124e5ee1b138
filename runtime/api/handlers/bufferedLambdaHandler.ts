import type {
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  APIGatewayProxyStructuredResultV2,
} from "aws-lambda";
import type { TenantApiEvent } from "../createGroupHandler.ts";
import { isHttpApiEvent } from "../lambda/isHttpApiEvent.ts";
import { restProxyResult } from "../lambda/restProxyResult.ts";
import { tenantApiEventFromRest } from "../lambda/tenantApiEventFromRest.ts";
import { bufferStreamResult, isStreamResult, type TenantApiResult } from "../tenantApiResult.ts";

/** The event of a buffered tenant Lambda: a REST API proxy event (1.0) or an HTTP API event (2.0). */
export type BufferedLambdaEvent = APIGatewayProxyEvent | TenantApiEvent;

/** A buffered tenant Lambda: answers each event format in its own result format. */
export interface BufferedLambdaHandler {
  (event: TenantApiEvent): Promise<APIGatewayProxyStructuredResultV2>;
  (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult>;
  (event: BufferedLambdaEvent): Promise<APIGatewayProxyStructuredResultV2 | APIGatewayProxyResult>;
}

/**
 * A tenant handler as a buffered proxy integration invokes it (the data and admin Lambdas): a REST API
 * event (payload 1.0) is adapted and answered with a 1.0 proxy result; an HTTP API event (`version: "2.0"`)
 * is answered in 2.0. A streamed answer is collected and returned whole (the same bytes, only later).
 */
export function bufferedLambdaHandler(
  handler: (event: TenantApiEvent) => Promise<TenantApiResult>,
): BufferedLambdaHandler {
  const answer = async (event: TenantApiEvent) => {
    const result = await handler(event);
    return isStreamResult(result) ? await bufferStreamResult(result) : result;
  };
  const invoke = async (event: BufferedLambdaEvent) =>
    isHttpApiEvent(event) ? answer(event) : restProxyResult(await answer(tenantApiEventFromRest(event)));
  // One implementation behind the overloads: the event's format decides the result's.
  return invoke as BufferedLambdaHandler;
}
