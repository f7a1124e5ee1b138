import type { TenantApiEvent } from "../api/createGroupHandler.ts";
import type { HandlerGroup } from "../api/routes.ts";
import { isStreamResult, type TenantApiInvokeOptions, type TenantApiResult } from "../api/tenantApiResult.ts";
import type {
  FromWorkerMessage,
  InvokeMessage,
  StreamHead,
  StreamMessage,
  ToWorkerMessage,
} from "./tenantIpcMessages.ts";

/** A tenant handler as a worker calls it: the Lambda handler of one group. */
export type TenantWorkerHandler = (
  event: TenantApiEvent,
  options?: TenantApiInvokeOptions,
) => Promise<TenantApiResult>;

/** The worker's end of the IPC channel: `process` in a forked worker. */
export interface WorkerChannel {
  /** As `process.send`: false when the channel's backlog is long; `callback` once the message is written. */
  send(message: FromWorkerMessage, callback: (error: Error | null) => void): boolean;
  on(event: "message", listener: (message: ToWorkerMessage) => void): unknown;
}

/** What {@link serveTenantInvocations} serves. */
export interface ServeTenantInvocationsArgs {
  readonly handlers: Readonly<Record<HandlerGroup, TenantWorkerHandler>>;
  readonly channel: WorkerChannel;
  /** The log lines written since the last message, sent along with each answer. */
  readonly takeLogs: () => Record<string, unknown>[];
}

/**
 * The worker side of the tenant-process protocol (see tenantIpcMessages.ts): runs each invocation with its
 * own abort signal, answers a whole result in one message, and a stream as its head, its chunks as the
 * handler produces them, and its end. The head goes with the first chunk when that is produced without
 * waiting for I/O (a chat stream's role chunk), or alone at the end of the turn: one write and one wake-up
 * of the gateway less before the first token. Every chunk is sent the moment it is produced, never held
 * back to batch (time to first token is what a chat UI shows, and the gateway writes one chunk while the
 * next is produced). An abort from the gateway aborts that invocation's signal and closes its stream's
 * iterator, so the model call stops and meters what was produced; nothing produced after it is sent.
 * Production waits only when the IPC channel reports a backlog, which bounds what a fast stream queues in
 * this process.
 */
export function serveTenantInvocations(args: ServeTenantInvocationsArgs): void {
  const running = new Map<number, { controller: AbortController; iterator?: AsyncIterator<string> }>();
  const send = (message: FromWorkerMessage) =>
    new Promise<void>((resolve) => {
      const logs = args.takeLogs();
      const withLogs = logs.length > 0 ? { ...message, logs } : message;
      if (args.channel.send(withLogs, () => resolve())) resolve();
    });

  const abort = (id: number) => {
    const invocation = running.get(id);
    if (!invocation || invocation.controller.signal.aborted) return;
    invocation.controller.abort(new Error("the client went away before the answer was complete"));
    invocation.iterator?.return?.().catch(() => undefined);
  };

  /** Sends the parts of one stream, its head with the first part or, at the end of the turn, alone. */
  const streamSender = (id: number, head: StreamHead) => {
    let unsentHead: StreamHead | undefined = head;
    const sendPart = (part: { chunk?: string; end?: true }) => {
      clearImmediate(headAlone);
      const message: StreamMessage = {
        id,
        ...(unsentHead === undefined ? {} : { head: unsentHead }),
        ...part,
      };
      unsentHead = undefined;
      return send(message);
    };
    const sendHead = () => (unsentHead === undefined ? Promise.resolve() : sendPart({}));
    const headAlone = setImmediate(() => void sendHead());
    return { sendPart, sendHead };
  };

  const invoke = async ({ id, group, event }: InvokeMessage) => {
    const invocation: { controller: AbortController; iterator?: AsyncIterator<string> } = {
      controller: new AbortController(),
    };
    running.set(id, invocation);
    const { signal } = invocation.controller;
    try {
      const result = await args.handlers[group](event, { signal });
      if (!isStreamResult(result)) return await send({ id, result });
      const iterator = result.body[Symbol.asyncIterator]();
      invocation.iterator = iterator;
      const stream = streamSender(id, { statusCode: result.statusCode, headers: { ...result.headers } });
      try {
        while (!signal.aborted) {
          const next = await iterator.next();
          // Nothing produced after an abort is sent: the gateway has stopped listening.
          if (next.done || signal.aborted) break;
          await stream.sendPart({ chunk: next.value });
        }
        if (signal.aborted) await iterator.return?.();
        await stream.sendPart({ end: true });
      } catch (error) {
        await stream.sendHead();
        await send({ id, error: (error as Error).message });
      }
    } catch (error) {
      await send({ id, error: (error as Error).message });
    } finally {
      running.delete(id);
    }
  };

  args.channel.on("message", (message) => {
    if ("abort" in message) abort(message.abort);
    else void invoke(message);
  });
}
