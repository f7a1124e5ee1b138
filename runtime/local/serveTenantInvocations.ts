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

/** The most characters of stream chunks that wait for the end of a turn before they are sent. */
const maxBatchChars = 64 * 1024;

/**
 * The worker side of the tenant-process protocol (see tenantIpcMessages.ts): runs each invocation with its
 * own abort signal, answers a whole result in one message, and a stream as its head, its chunks as the
 * handler produces them, and its end. The head goes with the first chunk when that is produced without
 * waiting for I/O (a chat stream's role chunk), or alone at the end of the turn: one write and one wake-up
 * of the gateway less before the first token. The first chunk of each turn of the event loop is sent the
 * moment it is produced (time to first token is what a chat UI shows); the chunks produced after it in the
 * same turn, the rest of a burst read from the model, follow in one message at the end of that turn, which
 * spares the gateway a write and a wake-up per chunk. Nothing waits for I/O to be batched. An abort from the gateway aborts that invocation's signal and closes its stream's
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

  /**
   * Sends the parts of one stream. The first part of a turn of the event loop leaves at once (with the
   * head while it is unsent); the parts produced after it in the same turn (the rest of a burst read from
   * the model) follow together at the end of that turn, in one message. A model's tokens, which come in
   * turns of their own, each leave at once. The head alone leaves at the end of its turn.
   */
  const streamSender = (id: number, head: StreamHead) => {
    let unsentHead: StreamHead | undefined = head;
    let batched = "";
    let batchedEnd = false;
    let sentThisTurn = false;
    let sent: Promise<void> = Promise.resolve();
    const sendNow = (part: { chunk?: string; end?: true }) => {
      const message: StreamMessage = {
        id,
        ...(unsentHead === undefined ? {} : { head: unsentHead }),
        ...part,
      };
      unsentHead = undefined;
      sent = send(message);
      return sent;
    };
    const flush = () => {
      const part = {
        ...(batched === "" ? {} : { chunk: batched }),
        ...(batchedEnd ? { end: true as const } : {}),
      };
      batched = "";
      batchedEnd = false;
      return unsentHead !== undefined || part.chunk !== undefined || part.end ? sendNow(part) : sent;
    };
    const endOfTurn = () => {
      sentThisTurn = false;
      void flush();
    };
    let turn = setImmediate(endOfTurn);
    const sendPart = async (part: { chunk?: string; end?: true }) => {
      if (!sentThisTurn) {
        clearImmediate(turn);
        sentThisTurn = true;
        turn = setImmediate(endOfTurn);
        return sendNow(part);
      }
      batched += part.chunk ?? "";
      batchedEnd ||= part.end === true;
      if (batched.length >= maxBatchChars) return flush();
      return sent;
    };
    /** Sends the head and whatever waits for the end of the turn (before an error message). */
    const sendHead = () => {
      clearImmediate(turn);
      return flush();
    };
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
