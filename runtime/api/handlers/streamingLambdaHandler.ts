import type { APIGatewayProxyStructuredResultV2, StreamifyHandler } from "aws-lambda";
import type { TenantApiEvent } from "../createGroupHandler.ts";
import { isHttpApiEvent } from "../lambda/isHttpApiEvent.ts";
import type { LambdaResponseStream, LambdaStreamingRuntime } from "../lambda/lambdaStreamingRuntime.ts";
import { restProxyResult } from "../lambda/restProxyResult.ts";
import { tenantApiEventFromRest } from "../lambda/tenantApiEventFromRest.ts";
import { routes } from "../routes.ts";
import {
  bufferStreamResult,
  isStreamResult,
  type TenantApiInvokeOptions,
  type TenantApiResult,
} from "../tenantApiResult.ts";
import type { BufferedLambdaEvent } from "./bufferedLambdaHandler.ts";

/**
 * How long before the function's timeout the handler stops the model call: time to settle the call on the
 * ledger and end the stream, which Lambda does not give a function it stops at its timeout.
 */
export const lambdaTimeoutMarginMs = 5_000;

/** Route keys whose REST integration streams (`responseTransferMode: STREAM`, InvokeWithResponseStream). */
const streamedRouteKeys = new Set(
  routes.filter((route) => route.responseTransferMode === "STREAM").map((route) => route.routeKey),
);

/**
 * The chat Lambda's handler, written for Lambda response streaming (`awslambda.streamifyResponse`). One
 * function serves two kinds of invocation, told apart by the route's `responseTransferMode`:
 *
 * - STREAM routes (API Gateway invokes with InvokeWithResponseStream): the HTTP prelude through
 *   `awslambda.HttpResponseStream.from(stream, { statusCode, headers })` (the runtime writes its JSON, then
 *   8 NUL bytes), then each SSE chunk as it is produced. Errors before the first byte and non-streamed
 *   answers (`stream: false`) go through the same prelude with their own status.
 * - Every other route of the chat group (a buffered integration: plain Invoke): exactly the payload 1.0
 *   proxy result as JSON, no prelude. Lambda buffers whatever a streaming function writes when it is
 *   invoked with Invoke ("You can still invoke your function without response streaming by directly calling
 *   the Invoke API operation", https://docs.aws.amazon.com/lambda/latest/dg/config-rs-invoke-furls.html) and
 *   returns it as the payload, which the buffered proxy integration parses as usual.
 *
 * An HTTP API event (payload 2.0, always plain Invoke) is answered with the whole 2.0 result as JSON.
 * When the response stream closes before the answer is complete (the caller went away), the handler's
 * signal aborts: the model call stops and metering settles what was produced, once. So it does
 * {@link lambdaTimeoutMarginMs} before the function's timeout (`context.getRemainingTimeInMillis()`,
 * https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html): Lambda stops a function that times out
 * where it stands, and an unsettled call would be left to the ledger sweep.
 *
 * @example
 * export const handler = streamingLambdaHandler(await createTenantHandler("chat", env), lambdaStreamingRuntime());
 */
export function streamingLambdaHandler(
  handler: (event: TenantApiEvent, options?: TenantApiInvokeOptions) => Promise<TenantApiResult>,
  runtime: LambdaStreamingRuntime,
): StreamifyHandler<BufferedLambdaEvent, void> {
  return runtime.streamifyResponse<BufferedLambdaEvent>(async (event, responseStream, context) => {
    const caller = new AbortController();
    let answered = false;
    const callerGone = () => {
      if (!answered) caller.abort(new Error("the response stream closed before the answer was complete"));
    };
    responseStream.once("close", callerGone);
    responseStream.once("error", callerGone);
    const remainingMs = context?.getRemainingTimeInMillis?.();
    const deadline =
      remainingMs === undefined
        ? undefined
        : setTimeout(
            () =>
              caller.abort(
                new Error("the Lambda invocation is about to time out before the answer is complete"),
              ),
            Math.max(0, remainingMs - lambdaTimeoutMarginMs),
          );
    const options = { signal: caller.signal };
    try {
      if (isHttpApiEvent(event)) {
        await write(responseStream, JSON.stringify(await wholeResult(await handler(event, options))));
        return;
      }
      const tenantEvent = tenantApiEventFromRest(event);
      const result = await handler(tenantEvent, options);
      if (!streamedRouteKeys.has(tenantEvent.routeKey)) {
        await write(responseStream, JSON.stringify(restProxyResult(await wholeResult(result))));
        return;
      }
      if (!isStreamResult(result)) {
        const whole = restProxyResult(result);
        const stream = runtime.HttpResponseStream.from(responseStream, {
          statusCode: whole.statusCode,
          headers: textHeaders(whole.headers),
          ...(whole.multiValueHeaders
            ? { multiValueHeaders: textMultiValueHeaders(whole.multiValueHeaders) }
            : {}),
        });
        // Always one write, an empty one included: the prelude is written just before the first write.
        await write(stream, whole.isBase64Encoded ? Buffer.from(whole.body, "base64") : whole.body);
        return;
      }
      const stream = runtime.HttpResponseStream.from(responseStream, {
        statusCode: result.statusCode,
        headers: { ...result.headers },
      });
      await write(stream, "");
      try {
        for await (const chunk of result.body) {
          if (caller.signal.aborted) break;
          await write(stream, chunk);
        }
      } catch {
        // The status is sent: the stream has already carried its error event in-band, and the tenant
        // handler has logged it; ending the body is all that is left to do.
      }
    } finally {
      clearTimeout(deadline);
      answered = true;
      if (!responseStream.destroyed && !responseStream.writableEnded) responseStream.end();
    }
  });
}

async function wholeResult(result: TenantApiResult): Promise<APIGatewayProxyStructuredResultV2> {
  return isStreamResult(result) ? await bufferStreamResult(result) : result;
}

/** Writes a chunk, waiting for the stream to drain (or close) when its buffer is full. */
async function write(stream: LambdaResponseStream, chunk: string | Uint8Array): Promise<void> {
  if (stream.destroyed || stream.writableEnded) return;
  if (stream.write(chunk)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      stream.off("drain", done);
      stream.off("close", done);
      resolve();
    };
    stream.on("drain", done);
    stream.on("close", done);
  });
}

function textHeaders(headers: Record<string, string | number | boolean> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name, String(value)]));
}

function textMultiValueHeaders(
  headers: Record<string, (string | number | boolean)[]>,
): Record<string, string[]> {
  return Object.fromEntries(Object.entries(headers).map(([name, values]) => [name, values.map(String)]));
}
