import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";

/**
 * A streamed answer (server-sent events): the status and headers are sent first, then each chunk of `body`
 * as soon as it is produced. The iterator ends when the answer is complete; breaking out of it (or
 * aborting the invocation's signal) stops the work behind it, which still meters what was produced.
 */
export interface TenantApiStreamResult {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  /** UTF-8 text chunks, e.g. `data: {...}\n\n` events. */
  readonly body: AsyncIterable<string>;
  readonly streaming: true;
}

/** What a tenant handler answers: a whole Lambda proxy result (payload 2.0), or a stream. */
export type TenantApiResult = APIGatewayProxyStructuredResultV2 | TenantApiStreamResult;

/** Per-invocation options of a tenant handler. */
export interface TenantApiInvokeOptions {
  /**
   * Aborts when the caller has gone (the client disconnected, the gateway gave up): a model call or a
   * stream stops reading from its provider and settles what was produced.
   */
  readonly signal?: AbortSignal | undefined;
}

/** Whether a tenant handler's result is a stream. */
export function isStreamResult(result: TenantApiResult): result is TenantApiStreamResult {
  return (result as Partial<TenantApiStreamResult>).streaming === true;
}

/**
 * A stream collected into one proxy result, for an edge that buffers responses (HTTP APIs): the same
 * bytes, sent at once when the stream ends.
 */
export async function bufferStreamResult(
  result: TenantApiStreamResult,
): Promise<APIGatewayProxyStructuredResultV2> {
  let body = "";
  for await (const chunk of result.body) body += chunk;
  return { statusCode: result.statusCode, headers: { ...result.headers }, body };
}
