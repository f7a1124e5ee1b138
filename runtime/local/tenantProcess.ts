import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { TenantApiEvent } from "../api/createGroupHandler.ts";
import type { HandlerGroup } from "../api/routes.ts";
import { SiloError } from "../core/errors/siloError.ts";
import { ChunkQueue } from "./chunkQueue.ts";
import type { FromWorkerMessage, StreamHead, StreamMessage, ToWorkerMessage } from "./tenantIpcMessages.ts";

const defaultWorkerScript = fileURLToPath(new URL("./tenantWorker.ts", import.meta.url));

/** The tenant process died (or was killed) while a request was in flight: the gateway answers 502. */
export class TenantProcessFailedError extends SiloError {
  constructor(tenantId: string, detail: string) {
    super("TENANT_PROCESS_FAILED", `the process of tenant ${tenantId} failed: ${detail}`);
  }
}

/** A streamed answer from a tenant process: its status and headers, then its chunks as they come. */
export interface TenantProcessStream {
  readonly head: StreamHead;
  /**
   * Ends when the tenant's stream ends; throws {@link TenantProcessFailedError} when it fails or the
   * process dies mid-stream. Breaking out of it aborts the invocation.
   */
  readonly chunks: AsyncIterable<string>;
}

/** What an invocation answers: a whole Lambda proxy result, or a stream. */
export type TenantProcessAnswer = APIGatewayProxyStructuredResultV2 | TenantProcessStream;

/** Whether a tenant process answered with a stream. */
export function isTenantProcessStream(answer: TenantProcessAnswer): answer is TenantProcessStream {
  return "chunks" in answer;
}

/** Options of one {@link TenantProcess.invoke}. */
export interface TenantInvokeOptions {
  /** Aborts the handler's signal in the tenant process (the client went away) and stops its stream. */
  readonly signal?: AbortSignal;
}

/** Options of a {@link TenantProcess}. */
export interface TenantProcessOptions {
  /**
   * The worker module the process runs (a file speaking the protocol of tenantIpcMessages.ts).
   * @default tenantWorker.ts: the tenant's real handlers
   */
  readonly workerScript?: string;
  /**
   * Node's options for the process.
   * @default ["--import", "tsx"]: the worker is TypeScript
   */
  readonly execArgv?: readonly string[];
  /**
   * Unread characters of one stream held for a client that reads slower than the tenant writes; past it
   * the stream is given up (and its model call aborted) rather than grow without bound.
   * @default 8 Mi characters
   */
  readonly maxBufferedStreamChars?: number;
}

type Pending =
  | {
      readonly kind: "call";
      readonly resolve: (answer: TenantProcessAnswer) => void;
      readonly reject: (error: Error) => void;
      readonly abort: () => void;
      readonly done: () => void;
      readonly signal: AbortSignal | undefined;
    }
  | { readonly kind: "stream"; readonly queue: ChunkQueue; readonly done: () => void };

/**
 * One tenant's handler process on the local platform, as its Lambdas would be: started with only that
 * tenant's environment, restarted when it exits (with a back-off), and invoked over IPC. In-flight requests
 * of a process that dies are failed, never silently retried (a model call may have been made); a stream
 * in flight fails where it stands.
 *
 * @example
 * const tenant = new TenantProcess("acme-health", env, log);
 * await tenant.start();
 * const answer = await tenant.invoke("chat", event, { signal });
 * if (isTenantProcessStream(answer)) for await (const chunk of answer.chunks) write(chunk);
 */
export class TenantProcess {
  readonly tenantId: string;
  /** Invocations sent to the process since start: tests count them to prove a denial never reached it. */
  invocations = 0;
  #env: NodeJS.ProcessEnv;
  #workerScript: string;
  #execArgv: string[];
  #maxBufferedStreamChars: number;
  #child: ChildProcess | undefined;
  #ready: Promise<void> | undefined;
  #pending = new Map<number, Pending>();
  #nextId = 1;
  #stopping = false;
  #restarts = 0;
  #log: (entry: Record<string, unknown>) => void;

  constructor(
    tenantId: string,
    env: NodeJS.ProcessEnv,
    log: (entry: Record<string, unknown>) => void,
    options: TenantProcessOptions = {},
  ) {
    this.tenantId = tenantId;
    this.#env = env;
    this.#log = log;
    this.#workerScript = options.workerScript ?? defaultWorkerScript;
    this.#execArgv = [...(options.execArgv ?? ["--import", "tsx"])];
    this.#maxBufferedStreamChars = options.maxBufferedStreamChars ?? 8 * 1024 * 1024;
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** Starts the process and resolves once its handlers are built. */
  start(): Promise<void> {
    const child = fork(this.#workerScript, [], {
      env: this.#env,
      execArgv: this.#execArgv,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      // JSON, not the structured clone ("advanced"): every message is JSON-safe (events, Lambda results and
      // log lines, as in AWS), and for the small messages of the hot path (an invocation, a stream's chunks)
      // JSON costs about half as much to send and a third less to read. Only multi-megabyte results cost
      // more, as the Lambda runtime's own JSON does.
      serialization: "json",
    });
    this.#child = child;
    this.#ready = new Promise((resolve, reject) => {
      const onMessage = (message: { ready?: boolean }) => {
        if (message?.ready) {
          child.off("exit", onEarlyExit);
          resolve();
        }
      };
      const onEarlyExit = (code: number | null) =>
        reject(
          new TenantProcessFailedError(
            this.tenantId,
            `exited with code ${code} while starting; see its output above`,
          ),
        );
      child.on("message", onMessage);
      child.once("exit", onEarlyExit);
    });
    child.on("message", (message: FromWorkerMessage) => this.#onMessage(message));
    child.on("exit", (code, signal) => this.#onExit(child, code, signal));
    return this.#ready;
  }

  /**
   * Sends one event to the tenant's handler group. Resolves with its whole result, or with a stream once
   * its head arrives; rejects when the process dies first. Aborting `options.signal` tells the process to
   * abort the handler's own signal and stop the stream; an answer that still comes is dropped.
   */
  async invoke(
    group: HandlerGroup,
    event: TenantApiEvent,
    options: TenantInvokeOptions = {},
  ): Promise<TenantProcessAnswer> {
    await this.#ready;
    const child = this.#child;
    if (!child?.connected) throw new TenantProcessFailedError(this.tenantId, "not running");
    this.invocations++;
    const id = this.#nextId++;
    const { signal } = options;
    let abortSent = false;
    const abort = () => {
      if (!abortSent && child.connected) child.send({ abort: id } satisfies ToWorkerMessage, () => undefined);
      abortSent = true;
      const pending = this.#pending.get(id);
      // A stream ends at once for the gateway; the call's answer, when it comes, is dropped by then.
      if (pending?.kind === "stream") {
        this.#pending.delete(id);
        pending.done();
        pending.queue.end();
      }
    };
    const done = () => signal?.removeEventListener("abort", abort);
    return await new Promise<TenantProcessAnswer>((resolve, reject) => {
      this.#pending.set(id, { kind: "call", resolve, reject, abort, done, signal });
      signal?.addEventListener("abort", abort, { once: true });
      child.send({ id, group, event } satisfies ToWorkerMessage, (error) => {
        if (error && this.#pending.delete(id)) {
          done();
          reject(new TenantProcessFailedError(this.tenantId, error.message));
        }
      });
      if (signal?.aborted) abort();
    });
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      // Disconnecting lets the worker close its pools; one already cut off (dying) is killed.
      if (child.connected) child.disconnect();
      else child.kill("SIGKILL");
      setTimeout(() => child.kill("SIGKILL"), 5000).unref();
    });
  }

  #onMessage(message: FromWorkerMessage): void {
    for (const entry of "logs" in message ? (message.logs ?? []) : [])
      this.#log({ ...entry, tenantId: this.tenantId });
    if (!("id" in message) || message.id === undefined) return;
    const { id } = message;
    const pending = this.#pending.get(id);
    if (!pending) return;
    if ("result" in message || "error" in message) {
      this.#pending.delete(id);
      pending.done();
      if ("result" in message) {
        if (pending.kind === "call") pending.resolve(message.result);
        return;
      }
      const error = new TenantProcessFailedError(this.tenantId, message.error);
      if (pending.kind === "call") pending.reject(error);
      else pending.queue.fail(error);
      return;
    }
    this.#onStreamMessage(id, pending, message);
  }

  /** A part of a streamed answer: its head, a chunk, its end; one message may carry several. */
  #onStreamMessage(id: number, pending: Pending, message: StreamMessage): void {
    let stream = pending;
    if (message.head !== undefined) {
      if (pending.kind !== "call") return;
      const queue = new ChunkQueue(this.#maxBufferedStreamChars, pending.abort);
      stream = { kind: "stream", queue, done: pending.done };
      this.#pending.set(id, stream);
      pending.resolve({ head: message.head, chunks: queue });
      // Aborted before its head: the stream is over before it starts (the worker stops it too).
      if (pending.signal?.aborted) {
        pending.abort();
        return;
      }
    }
    if (stream.kind === "call") {
      if (!message.end) return;
      this.#pending.delete(id);
      stream.done();
      stream.reject(new TenantProcessFailedError(this.tenantId, "the stream ended before its head"));
      return;
    }
    if (message.chunk !== undefined && !stream.queue.push(message.chunk)) {
      this.#pending.delete(id);
      stream.done();
      stream.queue.fail(
        new TenantProcessFailedError(
          this.tenantId,
          `the client read slower than the stream was produced (over ${this.#maxBufferedStreamChars} characters unread); the stream was stopped`,
        ),
      );
      this.#child?.send({ abort: id } satisfies ToWorkerMessage, () => undefined);
      return;
    }
    if (message.end) {
      this.#pending.delete(id);
      stream.done();
      stream.queue.end();
    }
  }

  #onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this.#child) return;
    for (const [id, pending] of this.#pending) {
      const error = new TenantProcessFailedError(
        this.tenantId,
        `exited (${signal ?? code}) during the request`,
      );
      pending.done();
      if (pending.kind === "call") pending.reject(error);
      else pending.queue.fail(error);
      this.#pending.delete(id);
    }
    if (this.#stopping) return;
    this.#restarts++;
    const delayMs = Math.min(5000, 100 * 2 ** Math.min(this.#restarts, 6));
    this.#log({
      level: "warn",
      msg: "tenant process exited; restarting",
      tenantId: this.tenantId,
      code,
      signal,
      delayMs,
    });
    // Stopped while waiting: no new process that nothing would stop.
    this.#ready = new Promise((resolve) => setTimeout(resolve, delayMs)).then(() =>
      this.#stopping ? undefined : this.start(),
    );
  }
}
