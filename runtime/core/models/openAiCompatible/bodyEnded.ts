import type { IncomingMessage } from "node:http";

/**
 * Reads the rest of a body (after a stream's `[DONE]`, only its end), discarding it, for at most `graceMs`;
 * true when it ended. node:http hands a keep-alive connection back for the next call only once its body
 * has been read to `end` (`complete` may already be true with the end still unread), so a stream that
 * stopped reading at `[DONE]` would otherwise cost a new connection per call.
 *
 * @example
 * const reusable = await bodyEnded(response, 1000);
 * if (!reusable) response.destroy();
 */
export function bodyEnded(response: IncomingMessage, graceMs: number): Promise<boolean> {
  if (response.readableEnded) return Promise.resolve(true);
  return new Promise((resolve) => {
    const giveUp = setTimeout(() => resolve(false), graceMs);
    const settle = () => {
      clearTimeout(giveUp);
      resolve(response.readableEnded);
    };
    response.once("end", settle);
    response.once("close", settle);
    response.once("error", settle);
    response.resume();
  });
}
