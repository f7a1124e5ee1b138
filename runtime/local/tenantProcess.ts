import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { TenantApiEvent } from "../api/createGroupHandler.ts";
import type { HandlerGroup } from "../api/routes.ts";
import { SiloError } from "../core/errors/siloError.ts";

const workerScript = fileURLToPath(new URL("./tenantWorker.ts", import.meta.url));

/** The tenant process died (or was killed) while a request was in flight: the gateway answers 502. */
export class TenantProcessFailedError extends SiloError {
  constructor(tenantId: string, detail: string) {
    super("TENANT_PROCESS_FAILED", `the process of tenant ${tenantId} failed: ${detail}`);
  }
}

interface Pending {
  readonly resolve: (result: APIGatewayProxyStructuredResultV2) => void;
  readonly reject: (error: Error) => void;
}

/**
 * One tenant's handler process on the local platform, as its Lambdas would be: started with only that
 * tenant's environment, restarted when it exits (with a back-off), and invoked over IPC. In-flight requests
 * of a process that dies are failed, never silently retried (a model call may have been made).
 *
 * @example
 * const tenant = new TenantProcess("acme-health", env, log);
 * await tenant.start();
 * const result = await tenant.invoke("chat", event);
 */
export class TenantProcess {
  readonly tenantId: string;
  /** Invocations sent to the process since start: tests count them to prove a denial never reached it. */
  invocations = 0;
  #env: NodeJS.ProcessEnv;
  #child: ChildProcess | undefined;
  #ready: Promise<void> | undefined;
  #pending = new Map<number, Pending>();
  #nextId = 1;
  #stopping = false;
  #restarts = 0;
  #log: (entry: Record<string, unknown>) => void;

  constructor(tenantId: string, env: NodeJS.ProcessEnv, log: (entry: Record<string, unknown>) => void) {
    this.tenantId = tenantId;
    this.#env = env;
    this.#log = log;
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** Starts the process and resolves once its handlers are built. */
  start(): Promise<void> {
    const child = fork(workerScript, [], {
      env: this.#env,
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      serialization: "advanced",
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
    child.on(
      "message",
      (message: {
        id?: number;
        result?: APIGatewayProxyStructuredResultV2;
        error?: string;
        logs?: Record<string, unknown>[];
      }) => {
        for (const entry of message.logs ?? []) this.#log({ ...entry, tenantId: this.tenantId });
        if (message.id === undefined) return;
        const pending = this.#pending.get(message.id);
        this.#pending.delete(message.id);
        if (!pending) return;
        if (message.result) pending.resolve(message.result);
        else pending.reject(new TenantProcessFailedError(this.tenantId, message.error ?? "no result"));
      },
    );
    child.on("exit", (code, signal) => this.#onExit(child, code, signal));
    return this.#ready;
  }

  /** Sends one event to the tenant's handler group; rejects when the process dies first. */
  async invoke(group: HandlerGroup, event: TenantApiEvent): Promise<APIGatewayProxyStructuredResultV2> {
    await this.#ready;
    const child = this.#child;
    if (!child?.connected) throw new TenantProcessFailedError(this.tenantId, "not running");
    this.invocations++;
    const id = this.#nextId++;
    return await new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      child.send({ id, group, event }, (error) => {
        if (error) {
          this.#pending.delete(id);
          reject(new TenantProcessFailedError(this.tenantId, error.message));
        }
      });
    });
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    const child = this.#child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.disconnect();
      setTimeout(() => child.kill("SIGKILL"), 5000).unref();
    });
  }

  #onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this.#child) return;
    for (const [id, pending] of this.#pending) {
      pending.reject(
        new TenantProcessFailedError(this.tenantId, `exited (${signal ?? code}) during the request`),
      );
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
    this.#ready = new Promise((resolve) => setTimeout(resolve, delayMs)).then(() => this.start());
  }
}
