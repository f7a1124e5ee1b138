import type { StreamifyHandler } from "aws-lambda";

/**
 * What a streaming handler writes to: the Lambda runtime's response stream, a Node.js `Writable` with
 * `setContentType` (@types/aws-lambda declares the `awslambda` global this comes from).
 */
export type LambdaResponseStream = awslambda.HttpResponseStream;

/** The metadata API Gateway reads before a streamed body: status and headers. */
export interface HttpResponsePrelude {
  readonly statusCode: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly multiValueHeaders?: Readonly<Record<string, readonly string[]>>;
}

/**
 * The part of the `awslambda` global the chat handler uses. The Node.js Lambda runtime defines it (no
 * import: it exists only inside Lambda); tests install a faithful local one (test/support/lambdaStreaming/).
 */
export interface LambdaStreamingRuntime {
  /** Marks a handler as streaming, so the runtime passes it a response stream. */
  streamifyResponse<Event>(handler: StreamifyHandler<Event, void>): StreamifyHandler<Event, void>;
  readonly HttpResponseStream: {
    /**
     * Sets the stream's content type to `application/vnd.awslambda.http-integration-response` and, just
     * before the first byte written, writes `JSON.stringify(prelude)` then 8 NUL bytes.
     */
    from(responseStream: LambdaResponseStream, prelude: HttpResponsePrelude): LambdaResponseStream;
  };
}

/**
 * The Lambda runtime's `awslambda` global. Fails naming the fix when it is missing: the chat bundle runs
 * only on the Lambda Node.js runtime (nodejs22.x), or in tests that install the local contract.
 *
 * @example
 * export const handler = lambdaStreamingRuntime().streamifyResponse(async (event, responseStream) => {});
 */
export function lambdaStreamingRuntime(): LambdaStreamingRuntime {
  const runtime = (globalThis as unknown as { awslambda?: LambdaStreamingRuntime }).awslambda;
  if (runtime === undefined || typeof runtime.streamifyResponse !== "function") {
    throw new Error(
      "the global awslambda is not defined: the chat handler streams its responses and must run on the AWS Lambda Node.js runtime (nodejs22.x); tests install it with installLambdaStreamingRuntime() from test/support/lambdaStreaming",
    );
  }
  return runtime;
}
