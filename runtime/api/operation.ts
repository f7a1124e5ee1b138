/** Who is calling and on whose behalf, from the edge authorizer's context and the gateway. */
export interface RequestContext {
  readonly tenantId: string;
  /** The token's `sub`. */
  readonly subject: string;
  readonly scopes: readonly string[];
  readonly tokenId: string;
  /** API Gateway's request id: logged, returned in problems, stored with audit events and ledger rows. */
  readonly requestId: string;
  readonly sourceIp: string | null;
  /** The request's `Idempotency-Key` header, when sent. */
  readonly idempotencyKey?: string;
  /** Aborts when the caller has gone: model calls stop and meter what was produced. */
  readonly signal?: AbortSignal | undefined;
}

/** What an operation receives: the validated request and its context. */
export interface OperationInput {
  readonly params: Record<string, unknown>;
  readonly query: Record<string, unknown>;
  readonly body: unknown;
  readonly context: RequestContext;
}

/** What an operation answers on success. */
export interface OperationResult {
  /** @default the route's success status */
  readonly status?: number;
  readonly body?: unknown;
  /**
   * A file to answer with instead of a JSON `body`, on routes whose response is a file: sent as is
   * (base64 in the Lambda result), typed by the operation's own `content-type` header.
   */
  readonly file?: Buffer;
  /**
   * Server-sent events to answer with instead of a JSON `body` (a chat completion with `stream: true`):
   * sent as produced, with `content-type: text/event-stream`. Ending the iteration early stops the work.
   */
  readonly stream?: AsyncGenerator<string, void, undefined>;
  readonly headers?: Record<string, string>;
  /** What the operation acted on, for the audit event, e.g. `conversations/<id>`. */
  readonly resource?: string;
  /**
   * Milliseconds spent in the operation's phases (e.g. `reserveMs`, `modelMs`, `settleMs` of a model
   * call), added to the request's log line so its latency can be taken apart.
   */
  readonly timings?: Readonly<Record<string, number>>;
}

/**
 * One API operation: a pure core over its dependencies. Validation, tenant checks, idempotency, audit and
 * error mapping happen around it in createGroupHandler, once for all operations.
 */
export type Operation<Deps> = (input: OperationInput, deps: Deps) => Promise<OperationResult>;

/** The operations a handler group serves, by operationId. */
export type OperationTable<Deps> = Readonly<Record<string, Operation<Deps>>>;
