/**
 * The IPC protocol between the gateway's {@link TenantProcess} and a tenant's worker process. Every answer
 * message may carry the log lines the tenant wrote since the last message (`logs`): each IPC message
 * wakes the gateway, so lines ride along rather than costing a message of their own.
 *
 * - gateway to worker: {@link InvokeMessage}, then maybe {@link AbortMessage} (the client went away);
 * - worker to gateway, per invocation: one {@link ResultMessage} or {@link ErrorMessage}; or, for a
 *   streamed answer, {@link StreamMessage}s: the head (with the first chunk when that was ready at once),
 *   one per chunk as it is produced, then the end; or {@link ErrorMessage} when the stream fails after its
 *   head.
 */
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { TenantApiEvent } from "../api/createGroupHandler.ts";
import type { HandlerGroup } from "../api/routes.ts";

type Logs = { readonly logs?: Record<string, unknown>[] };

export interface InvokeMessage {
  readonly id: number;
  readonly group: HandlerGroup;
  readonly event: TenantApiEvent;
}

/** Aborts invocation `abort`'s signal and stops its stream. */
export interface AbortMessage {
  readonly abort: number;
}

export type ToWorkerMessage = InvokeMessage | AbortMessage;

/** The status and headers of a streamed answer, sent before its first chunk. */
export interface StreamHead {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
}

export type ReadyMessage = { readonly ready: true };
export type LogsMessage = Logs & { readonly id?: undefined };
export type ResultMessage = Logs & {
  readonly id: number;
  readonly result: APIGatewayProxyStructuredResultV2;
};
export type ErrorMessage = Logs & { readonly id: number; readonly error: string };
/**
 * A part of a streamed answer, in this order when several are present: the head (the first message of the
 * stream only), a chunk of the body (written to the client as it is), the end.
 */
export type StreamMessage = Logs & {
  readonly id: number;
  readonly head?: StreamHead;
  readonly chunk?: string;
  readonly end?: true;
};

export type FromWorkerMessage = ReadyMessage | LogsMessage | ResultMessage | ErrorMessage | StreamMessage;
