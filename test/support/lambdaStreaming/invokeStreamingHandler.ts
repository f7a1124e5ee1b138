import type { StreamifyHandler } from "aws-lambda";
import type { LambdaResponseStream } from "../../../runtime/api/lambda/lambdaStreamingRuntime.ts";
import { streamingHandlerMark } from "./localLambdaStreamingRuntime.ts";
import { type RecordedChunk, RecordingResponseStream } from "./recordingResponseStream.ts";

/** A streaming invocation under way; see {@link invokeStreamingHandler}. */
export interface StreamingInvocation {
  /** The chunks the Lambda service has received so far, with their arrival times. */
  readonly chunks: readonly RecordedChunk[];
  /** The response stream's content type (the prelude content type once `HttpResponseStream.from` ran). */
  readonly contentType: () => string;
  /** Every byte received so far. */
  readonly bytes: () => Buffer;
  /** Resolves when `predicate` holds for the chunks received (checked at each chunk). */
  readonly until: (predicate: (chunks: readonly RecordedChunk[]) => boolean) => Promise<void>;
  /** The connection goes away mid-stream (the client disconnected): the stream is destroyed. */
  readonly abort: () => void;
  /** Settles when the handler's promise does and the stream has ended, as the runtime waits for both. */
  readonly done: Promise<void>;
}

/** How the local runtime invokes a handler; see {@link invokeStreamingHandler}. */
export interface StreamingInvocationOptions {
  /**
   * The function's timeout: the context's `getRemainingTimeInMillis()` counts down from it, as Lambda's does.
   * @default 900000, the chat Lambda's 15 minutes
   */
  readonly timeoutMs?: number;
}

/**
 * Invokes a handler the way the Lambda runtime invokes a streamified one: it must carry the streaming mark,
 * gets `(event, responseStream, context)` (the context with `getRemainingTimeInMillis()`), and the
 * invocation ends when its promise settles (the runtime ends a stream the handler left open).
 *
 * @example
 * const invocation = invokeStreamingHandler(handler, restEvent);
 * await invocation.done;
 * const forwarded = apiGatewayStreamView(invocation);
 */
export function invokeStreamingHandler<Event>(
  handler: StreamifyHandler<Event, void>,
  event: Event,
  options: StreamingInvocationOptions = {},
): StreamingInvocation {
  if ((handler as unknown as Record<symbol, unknown>)[streamingHandlerMark] !== "response") {
    throw new Error("the handler is not streamified: wrap it with awslambda.streamifyResponse(...)");
  }
  const stream = new RecordingResponseStream();
  const waiters: { predicate: (chunks: readonly RecordedChunk[]) => boolean; resolve: () => void }[] = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      if (waiter.predicate(stream.chunks)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  const originalWrite = stream._write.bind(stream);
  stream._write = (chunk, encoding, callback) =>
    originalWrite(chunk, encoding, (error) => {
      callback(error);
      check();
    });
  const ended = new Promise<void>((resolve) => stream.once("close", resolve));
  const deadline = Date.now() + (options.timeoutMs ?? 900_000);
  const context = { getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) };
  const done = (async () => {
    try {
      await handler(event, stream as unknown as LambdaResponseStream, context as never);
    } finally {
      if (!stream.destroyed && !stream.writableEnded) stream.end();
      await ended;
    }
  })();
  return {
    chunks: stream.chunks,
    contentType: () => stream.contentType,
    bytes: () => stream.bytes(),
    until: (predicate) =>
      new Promise<void>((resolve) => {
        waiters.push({ predicate, resolve });
        check();
      }),
    abort: () => stream.destroy(),
    done,
  };
}
