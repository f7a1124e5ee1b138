import { describe, expect, it } from "vitest";
import type { TenantApiEvent } from "../../../runtime/api/createGroupHandler.ts";
import type { TenantApiResult } from "../../../runtime/api/tenantApiResult.ts";
import {
  serveTenantInvocations,
  type TenantWorkerHandler,
} from "../../../runtime/local/serveTenantInvocations.ts";
import type { FromWorkerMessage, ToWorkerMessage } from "../../../runtime/local/tenantIpcMessages.ts";
import { eventually } from "./support/gatewayHarness.ts";

const event = { body: "{}", requestContext: { requestId: "req-1" } } as unknown as TenantApiEvent;

/**
 * Serves `handler` (every group) over an in-memory channel: `deliver` plays the gateway, `sent` holds what
 * the worker answered; `backlogged` makes `send` report a long backlog, whose callback `flush` runs.
 */
function served(handler: TenantWorkerHandler, logs: Record<string, unknown>[][] = []) {
  const sent: FromWorkerMessage[] = [];
  const callbacks: Array<() => void> = [];
  const channel = {
    backlogged: false,
    listener: (() => undefined) as (message: ToWorkerMessage) => void,
    send(message: FromWorkerMessage, callback: (error: Error | null) => void) {
      sent.push(message);
      if (!channel.backlogged) return true;
      callbacks.push(() => callback(null));
      return false;
    },
    on(_event: "message", listener: (message: ToWorkerMessage) => void) {
      channel.listener = listener;
    },
  };
  serveTenantInvocations({
    handlers: { chat: handler, data: handler, admin: handler },
    channel,
    takeLogs: () => logs.shift() ?? [],
  });
  return {
    sent,
    channel,
    deliver: (message: ToWorkerMessage) => channel.listener(message),
    flush: () => {
      for (const callback of callbacks.splice(0)) callback();
    },
  };
}

const isEnd = (message: FromWorkerMessage | undefined) =>
  message !== undefined && "end" in message && message.end === true;

describe("serveTenantInvocations", () => {
  it("answers a whole result in one message, with the logs written meanwhile", async () => {
    const { sent, deliver } = served(async () => ({ statusCode: 201, body: "{}" }), [[{ msg: "request" }]]);

    deliver({ id: 7, group: "chat", event });

    await eventually(() => sent.length === 1, "the result");
    expect(sent).toEqual([{ id: 7, result: { statusCode: 201, body: "{}" }, logs: [{ msg: "request" }] }]);
  });

  it("answers a handler's error with the error's message", async () => {
    const { sent, deliver } = served(async () => {
      throw new Error("DATABASE_URL is not set");
    });

    deliver({ id: 1, group: "data", event });

    await eventually(() => sent.length === 1, "the error");
    expect(sent).toEqual([{ id: 1, error: "DATABASE_URL is not set" }]);
  });

  it("sends a stream's head with its first chunk, then each chunk as the handler produces it, then the end", async () => {
    // Prepare
    let produceSecond: () => void = () => undefined;
    const secondAllowed = new Promise<void>((resolve) => {
      produceSecond = resolve;
    });
    const { sent, deliver } = served(async () => ({
      statusCode: 200,
      headers: { "content-type": "text/event-stream" },
      streaming: true,
      body: (async function* () {
        yield "data: role\n\n";
        yield "data: 1\n\n";
        await secondAllowed;
        yield "data: 2\n\n";
      })(),
    }));

    // Act
    deliver({ id: 3, group: "chat", event });
    await eventually(() => sent.length === 2, "the head and the first chunks");
    await new Promise((resolve) => setTimeout(resolve, 20));
    const beforeSecond = [...sent];
    produceSecond();
    await eventually(() => sent.length === 4, "the second chunk and the end");

    // Assess
    expect(beforeSecond).toEqual([
      {
        id: 3,
        head: { statusCode: 200, headers: { "content-type": "text/event-stream" } },
        chunk: "data: role\n\n",
      },
      { id: 3, chunk: "data: 1\n\n" },
    ]);
    expect(sent.slice(2)).toEqual([
      { id: 3, chunk: "data: 2\n\n" },
      { id: 3, end: true },
    ]);
  });

  it("sends the first chunk of a turn at once and the rest of that turn's burst together at its end", async () => {
    const { sent, deliver } = served(async () => ({
      statusCode: 200,
      headers: {},
      streaming: true,
      body: (async function* () {
        yield "data: role+1\n\n";
        yield "data: 2\n\n";
        yield "data: 3\n\n";
        // The next token comes in a turn of its own, as a model's do.
        await new Promise((resolve) => setTimeout(resolve, 10));
        yield "data: 4\n\n";
      })(),
    }));

    deliver({ id: 2, group: "chat", event });

    await eventually(() => isEnd(sent.at(-1)), "the end");
    expect(sent).toEqual([
      { id: 2, head: { statusCode: 200, headers: {} }, chunk: "data: role+1\n\n" },
      { id: 2, chunk: "data: 2\n\ndata: 3\n\n" },
      { id: 2, chunk: "data: 4\n\n" },
      { id: 2, end: true },
    ]);
  });

  it("sends a stream's head at once when its first chunk waits for I/O", async () => {
    const { sent, deliver } = served(async () => ({
      statusCode: 200,
      headers: {},
      streaming: true,
      body: (async function* () {
        await new Promise((resolve) => setTimeout(resolve, 50));
        yield "data: 1\n\n";
      })(),
    }));

    deliver({ id: 9, group: "chat", event });

    await eventually(() => sent.length === 1, "the head");
    expect(sent[0]).toEqual({ id: 9, head: { statusCode: 200, headers: {} } });
    await eventually(() => sent.length === 3, "the chunk and the end");
    expect(sent.slice(1)).toEqual([
      { id: 9, chunk: "data: 1\n\n" },
      { id: 9, end: true },
    ]);
  });

  it("sends the error of a stream that fails after its head, after what it produced", async () => {
    const { sent, deliver } = served(async () => ({
      statusCode: 200,
      headers: {},
      streaming: true,
      body: (async function* () {
        yield "data: 1\n\n";
        throw new Error("the provider reset the connection");
      })(),
    }));

    deliver({ id: 4, group: "chat", event });

    await eventually(() => sent.length === 2, "the error");
    expect(sent).toEqual([
      { id: 4, head: { statusCode: 200, headers: {} }, chunk: "data: 1\n\n" },
      { id: 4, error: "the provider reset the connection" },
    ]);
  });

  it("aborts the invocation's signal and closes its stream on an abort, then ends it", async () => {
    let signal: AbortSignal | undefined;
    let closed = false;
    const { sent, deliver } = served(async (_event, options) => {
      signal = options?.signal;
      return {
        statusCode: 200,
        headers: {},
        streaming: true,
        body: (async function* () {
          try {
            yield "data: 1\n\n";
            await new Promise<void>((resolve) => options?.signal?.addEventListener("abort", () => resolve()));
            yield "data: after the abort\n\n";
          } finally {
            closed = true;
          }
        })(),
      } satisfies TenantApiResult;
    });
    deliver({ id: 5, group: "chat", event });
    await eventually(() => sent.length === 1, "the head and the first chunk");

    deliver({ abort: 5 });

    await eventually(() => sent.length === 2, "the end");
    expect(signal?.aborted).toBe(true);
    expect(closed).toBe(true);
    expect(sent[1]).toEqual({ id: 5, end: true });
  });

  it("aborts the signal of a handler that has not answered yet", async () => {
    let signal: AbortSignal | undefined;
    const { sent, deliver } = served(
      (_event, options) =>
        new Promise((_resolve, reject) => {
          signal = options?.signal;
          options?.signal?.addEventListener("abort", () => reject(new Error("aborted")));
        }),
    );
    deliver({ id: 6, group: "chat", event });
    await eventually(() => signal !== undefined, "the handler to start");

    deliver({ abort: 6 });

    await eventually(() => sent.length === 1, "the answer");
    expect(signal?.aborted).toBe(true);
    expect(sent).toEqual([{ id: 6, error: "aborted" }]);
  });

  it("waits for a backlogged channel before producing the next chunk", async () => {
    let produced = 0;
    const { sent, deliver, channel, flush } = served(async () => ({
      statusCode: 200,
      headers: {},
      streaming: true,
      body: (async function* () {
        for (; produced < 3; ) {
          // Each chunk in a turn of its own, as a model's tokens come.
          await new Promise((resolve) => setImmediate(resolve));
          produced++;
          yield `data: ${produced}\n\n`;
        }
      })(),
    }));
    channel.backlogged = true;

    deliver({ id: 8, group: "chat", event });
    await eventually(() => sent.length >= 1, "the head");
    await new Promise((resolve) => setTimeout(resolve, 20));
    const producedWhileBacklogged = produced;
    channel.backlogged = false;
    flush();

    await eventually(() => isEnd(sent.at(-1)), "the chunks and the end");
    // The chunk on its way when the backlog was reported is the only one produced meanwhile.
    expect(producedWhileBacklogged).toBe(1);
    expect(sent.map((message) => ("chunk" in message ? message.chunk : "")).join("")).toBe(
      "data: 1\n\ndata: 2\n\ndata: 3\n\n",
    );
  });
});
