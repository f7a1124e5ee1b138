import type { StreamifyHandler } from "aws-lambda";
import type {
  HttpResponsePrelude,
  LambdaResponseStream,
  LambdaStreamingRuntime,
} from "../../../runtime/api/lambda/lambdaStreamingRuntime.ts";

/** The content type that tells the Lambda service (and API Gateway) a stream starts with an HTTP prelude. */
export const httpIntegrationResponseContentType = "application/vnd.awslambda.http-integration-response";

/** How many NUL bytes separate the prelude's JSON from the body. */
export const preludeDelimiterBytes = 8;

/** The property the runtime reads to invoke a handler with a response stream. */
export const streamingHandlerMark = Symbol.for("aws.lambda.runtime.handler.streaming");

/**
 * The `awslambda` global as the Node.js Lambda runtime defines it, for tests. Faithful to
 * aws/aws-lambda-nodejs-runtime-interface-client: `streamifyResponse` only marks the handler
 * (src/utils/globals.ts, `HANDLER_STREAMING = "response"`), and `HttpResponseStream.from` sets the
 * http-integration-response content type, then writes `JSON.stringify(prelude)` and 8 NUL bytes just
 * before the first write (src/stream/http-response-stream.ts: "Write 8 null bytes after the JSON prelude").
 */
export const localLambdaStreamingRuntime: LambdaStreamingRuntime = {
  streamifyResponse<Event>(handler: StreamifyHandler<Event, void>) {
    Object.assign(handler, { [streamingHandlerMark]: "response" });
    return handler;
  },
  HttpResponseStream: {
    from(responseStream: LambdaResponseStream, prelude: HttpResponsePrelude) {
      responseStream.setContentType(httpIntegrationResponseContentType);
      const metadataPrelude = JSON.stringify(prelude);
      Object.assign(responseStream, {
        _onBeforeFirstWrite: (write: (chunk: string | Uint8Array) => void) => {
          write(metadataPrelude);
          write(new Uint8Array(preludeDelimiterBytes));
        },
      });
      return responseStream;
    },
  },
};

/**
 * Defines the global `awslambda` (as the Lambda runtime does before it loads a handler) and returns the
 * function that removes it again.
 *
 * @example
 * const uninstall = installLambdaStreamingRuntime();
 * const { handler } = await import("../../runtime/api/handlers/chatHandler.ts");
 */
export function installLambdaStreamingRuntime(): () => void {
  const global = globalThis as unknown as { awslambda?: LambdaStreamingRuntime };
  const previous = global.awslambda;
  global.awslambda = localLambdaStreamingRuntime;
  return () => {
    if (previous === undefined) delete global.awslambda;
    else global.awslambda = previous;
  };
}
