import type { ServerResponse } from "node:http";
import { withEdgeHeaders } from "./lambdaHttpAdapter.ts";
import type { TenantProcessStream } from "./tenantProcess.ts";

/** How a streamed response ended: all of it sent, the client gone first, or the tenant's stream failed. */
export type StreamOutcome =
  | { readonly outcome: "complete" }
  | { readonly outcome: "client closed" }
  | { readonly outcome: "failed"; readonly error: Error };

/**
 * Writes a tenant's streamed answer as it comes: the head at once (flushed, so a client sees the status
 * before the first token; in one write with the chunks that came with it), each chunk as soon as it
 * arrives, with Nagle's algorithm off so a small chunk is not held back waiting for an ACK. No
 * content-length: the body is chunked. A stream that fails after its head (the tenant process died)
 * destroys the connection, so the client sees a truncated response rather than one that looks complete,
 * and never a hang. A client that goes away stops the iteration, which aborts the invocation.
 */
export async function writeStreamAnswer(
  response: ServerResponse,
  stream: TenantProcessStream,
  edgeHeaders: Readonly<Record<string, string>>,
  onFirstChunk: () => void,
): Promise<StreamOutcome> {
  const headers = withEdgeHeaders(stream.head.headers, edgeHeaders);
  delete headers["content-length"];
  response.socket?.setNoDelay(true);
  // The head and the chunks already here (a chat stream's role chunk) in one write: the socket is uncorked
  // once the microtasks that write them have run, before anything waits for I/O.
  response.cork();
  process.nextTick(() => response.uncork());
  response.writeHead(stream.head.statusCode, headers);
  response.flushHeaders();
  let first = true;
  try {
    for await (const chunk of stream.chunks) {
      if (response.destroyed) break;
      if (first) {
        first = false;
        onFirstChunk();
      }
      // Bounded memory for a slow reader: wait for the socket rather than queue in Node's buffer.
      if (!response.write(chunk)) await drainedOrClosed(response);
    }
  } catch (error) {
    // What was written goes out first: the client sees the head and a truncated body, not a refused request.
    response.uncork();
    response.destroy();
    return { outcome: "failed", error: error as Error };
  }
  if (response.destroyed) return { outcome: "client closed" };
  response.end();
  return { outcome: "complete" };
}

function drainedOrClosed(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const settle = () => {
      response.off("drain", settle);
      response.off("close", settle);
      resolve();
    };
    response.on("drain", settle);
    response.on("close", settle);
  });
}
