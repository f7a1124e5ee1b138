/**
 * A tenant worker process with stub handlers instead of the real ones (no database, no models), speaking
 * the real protocol through serveTenantInvocations: for driving streams through a real process.
 *
 * Every group answers by the JSON body's `do`:
 * - `stream`: streams `chunks` (default `["one", "two"]`); after the first it waits until a `release`
 *   invocation arrives, so a test can read the first chunk before the second exists;
 * - `hang`: streams `chunks[0]` (`flood`: all of `chunks`, each in a turn of the event loop of its own, as
 *   a model's tokens come), then waits until its signal aborts, recording what happened;
 * - `release`: lets a waiting `stream` go on; `report`: what the last `hang` saw;
 * - anything else: a whole 200 result echoing the request id.
 */
import type { TenantApiEvent } from "../../../../runtime/api/createGroupHandler.ts";
import type { TenantApiResult } from "../../../../runtime/api/tenantApiResult.ts";
import {
  serveTenantInvocations,
  type TenantWorkerHandler,
  type WorkerChannel,
} from "../../../../runtime/local/serveTenantInvocations.ts";

let release: () => void = () => undefined;
let released = new Promise<void>((resolve) => {
  release = resolve;
});
const report = { signalAborted: false, iteratorClosed: false };

const sse = { "content-type": "text/event-stream", "cache-control": "no-cache" };

const handler: TenantWorkerHandler = async (event: TenantApiEvent, options) => {
  const body = JSON.parse(event.body ?? "{}") as { do?: string; chunks?: string[] };
  const chunks = body.chunks ?? ["one", "two"];
  const requestId = event.requestContext.requestId;
  if (body.do === "stream") {
    async function* produce() {
      yield chunks[0] ?? "";
      await released;
      released = new Promise<void>((resolve) => {
        release = resolve;
      });
      yield* chunks.slice(1);
    }
    return { statusCode: 200, headers: sse, body: produce(), streaming: true } satisfies TenantApiResult;
  }
  if (body.do === "hang" || body.do === "flood") {
    report.signalAborted = false;
    report.iteratorClosed = false;
    const signal = options?.signal;
    async function* produce() {
      try {
        for (const chunk of body.do === "flood" ? chunks : chunks.slice(0, 1)) {
          yield chunk;
          await new Promise((resolve) => setImmediate(resolve));
        }
        // An abort that came while the chunks were still being handed on has already fired its event.
        if (!signal?.aborted)
          await new Promise<void>((resolve) =>
            signal?.addEventListener("abort", () => resolve(), { once: true }),
          );
      } finally {
        // Read here, not after the wait: an abort that comes while a chunk is still being handed on closes
        // the stream at that yield, and the wait above is never reached.
        report.signalAborted = signal?.aborted ?? false;
        report.iteratorClosed = true;
      }
    }
    return { statusCode: 200, headers: sse, body: produce(), streaming: true } satisfies TenantApiResult;
  }
  if (body.do === "release") release();
  const answer = body.do === "report" ? report : { requestId };
  return {
    statusCode: 200,
    headers: { "content-type": "application/json", "x-request-id": requestId },
    body: JSON.stringify(answer),
  };
};

serveTenantInvocations({
  handlers: { chat: handler, data: handler, admin: handler },
  channel: process as unknown as WorkerChannel,
  takeLogs: () => [],
});
process.on("disconnect", () => process.exit(0));
process.send?.({ ready: true });
