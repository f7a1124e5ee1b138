import { fileURLToPath } from "node:url";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { TenantApiEvent } from "../../../runtime/api/createGroupHandler.ts";
import {
  isTenantProcessStream,
  TenantProcess,
  type TenantProcessAnswer,
  type TenantProcessStream,
} from "../../../runtime/local/tenantProcess.ts";
import { eventually, gatewayFor } from "./support/gatewayHarness.ts";

const stubWorker = fileURLToPath(new URL("./support/stubTenantWorker.ts", import.meta.url));
const stops: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

let shared: Promise<TenantProcess> | undefined;
afterAll(async () => {
  await (await shared)?.stop();
});

/** One stub process for the tests that leave it running (starting one costs a second or two). */
function sharedStubProcess(): Promise<TenantProcess> {
  shared ??= (async () => {
    const tenant = new TenantProcess("globex", { ...process.env }, () => undefined, {
      workerScript: stubWorker,
    });
    await tenant.start();
    return tenant;
  })();
  return shared;
}

/** A real tenant process of its own running the stub worker (stub handlers, the real IPC protocol). */
async function stubProcess() {
  const logs: Record<string, unknown>[] = [];
  const tenant = new TenantProcess("globex", { ...process.env }, (entry) => logs.push(entry), {
    workerScript: stubWorker,
  });
  stops.push(() => tenant.stop());
  await tenant.start();
  return tenant;
}

const eventFor = (body: Record<string, unknown>, requestId = "req-1") =>
  ({ body: JSON.stringify(body), requestContext: { requestId } }) as unknown as TenantApiEvent;

interface HangReport {
  readonly signalAborted: boolean;
  readonly iteratorClosed: boolean;
}

/** What the stub's last `hang` stream saw: its signal aborted, its iterator closed. */
async function hangReport(tenant: TenantProcess): Promise<HangReport> {
  const answer = await tenant.invoke("data", eventFor({ do: "report" }));
  return JSON.parse(String((answer as { body?: string }).body)) as HangReport;
}

function asStream(answer: TenantProcessAnswer): TenantProcessStream {
  if (!isTenantProcessStream(answer)) throw new Error(`expected a stream, got ${JSON.stringify(answer)}`);
  return answer;
}

describe("TenantProcess with a real worker process", () => {
  it("answers a whole result in one piece", async () => {
    const tenant = await sharedStubProcess();

    const answer = await tenant.invoke("data", eventFor({}, "req-whole"));

    expect(isTenantProcessStream(answer)).toBe(false);
    expect(answer).toMatchObject({ statusCode: 200, body: JSON.stringify({ requestId: "req-whole" }) });
  });

  it("hands over each chunk of a stream as the handler produces it", async () => {
    // Prepare
    const tenant = await sharedStubProcess();
    const stream = asStream(await tenant.invoke("chat", eventFor({ do: "stream", chunks: ["a", "b", "c"] })));
    const chunks = stream.chunks[Symbol.asyncIterator]();

    // Act: the first chunk arrives while the handler still waits to produce the second
    const first = await chunks.next();
    await tenant.invoke("data", eventFor({ do: "release" }));
    const rest: string[] = [];
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) rest.push(next.value);

    // Assess
    expect(stream.head).toEqual({
      statusCode: 200,
      headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
    });
    expect(first).toEqual({ done: false, value: "a" });
    expect(rest).toEqual(["b", "c"]);
  });

  it("aborts the handler's signal and closes its stream when the caller's signal aborts", async () => {
    const tenant = await sharedStubProcess();
    const caller = new AbortController();
    const stream = asStream(await tenant.invoke("chat", eventFor({ do: "hang" }), { signal: caller.signal }));
    const chunks = stream.chunks[Symbol.asyncIterator]();
    await chunks.next();

    caller.abort();
    const afterAbort = await chunks.next();
    let report: HangReport | undefined;
    await eventually(async () => {
      report = await hangReport(tenant);
      return report.iteratorClosed;
    }, "the handler's stream to close");

    expect(afterAbort.done).toBe(true);
    expect(report).toEqual({ signalAborted: true, iteratorClosed: true });
  });

  it("stops a stream whose reader falls behind by more than the bound, aborting the handler", async () => {
    // Prepare: a bound of 10 characters; the handler writes 18 at once and nobody reads
    const tenant = new TenantProcess("globex", { ...process.env }, () => undefined, {
      workerScript: stubWorker,
      maxBufferedStreamChars: 10,
    });
    stops.push(() => tenant.stop());
    await tenant.start();
    const stream = asStream(
      await tenant.invoke("chat", eventFor({ do: "flood", chunks: ["123456", "abcdef", "ABCDEF"] })),
    );

    // Act
    let report: HangReport | undefined;
    await eventually(async () => {
      report = await hangReport(tenant);
      return report.iteratorClosed;
    }, "the handler's stream to close");
    const read: string[] = [];
    const reading = (async () => {
      for await (const chunk of stream.chunks) read.push(chunk);
    })();

    // Assess
    expect(report).toEqual({ signalAborted: true, iteratorClosed: true });
    await expect(reading).rejects.toMatchObject({
      code: "TENANT_PROCESS_FAILED",
      message:
        "the process of tenant globex failed: the client read slower than the stream was produced (over 10 characters unread); the stream was stopped",
    });
    expect(read).toEqual(["123456", "abcdef"]);
  });

  it("fails a stream in flight when the process dies, and restarts the process", async () => {
    const tenant = await stubProcess();
    const stream = asStream(await tenant.invoke("chat", eventFor({ do: "hang" })));
    const chunks = stream.chunks[Symbol.asyncIterator]();
    await chunks.next();
    const firstPid = tenant.pid;

    process.kill(firstPid ?? 0, "SIGKILL");

    await expect(chunks.next()).rejects.toMatchObject({ code: "TENANT_PROCESS_FAILED" });
    const afterRestart = await tenant.invoke("data", eventFor({}, "req-after"));
    expect(afterRestart).toMatchObject({ statusCode: 200 });
    expect(tenant.pid).not.toBe(firstPid);
  });
});

describe("the local gateway in front of a real tenant process", () => {
  async function gatewayWithStubProcess(own = false) {
    const tenant = own ? await stubProcess() : await sharedStubProcess();
    const gateway = await gatewayFor({ process: tenant });
    stops.push(gateway.close);
    const post = (body: Record<string, unknown>, signal?: AbortSignal) =>
      fetch(`${gateway.url}/globex/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: "Bearer t", "content-type": "application/json" },
        body: JSON.stringify(body),
        ...(signal ? { signal } : {}),
      });
    return { tenant, gateway, post };
  }

  it("streams the first chunk to the client before the handler has produced the second", async () => {
    // Prepare
    const { tenant, gateway, post } = await gatewayWithStubProcess();
    const response = await post({ do: "stream", chunks: ["data: 1\n\n", "data: 2\n\n"] });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();

    // Act
    const first = decoder.decode((await reader.read()).value);
    await tenant.invoke("data", eventFor({ do: "release" }));
    let rest = "";
    for (let next = await reader.read(); !next.done; next = await reader.read())
      rest += decoder.decode(next.value);

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    expect(response.headers.get("content-length")).toBeNull();
    expect(first).toBe("data: 1\n\n");
    expect(rest).toBe("data: 2\n\n");
    await eventually(() => gateway.accessLines().length === 1, "the stream's access line");
    expect(gateway.accessLines()[0]).toMatchObject({ status: 200, stream: "complete" });
  });

  it("aborts the handler's signal when the client goes away mid-stream", async () => {
    const { tenant, gateway, post } = await gatewayWithStubProcess();
    const client = new AbortController();
    const response = await post({ do: "hang" }, client.signal);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();

    client.abort();

    let report: HangReport | undefined;
    await eventually(async () => {
      report = await hangReport(tenant);
      return report.iteratorClosed;
    }, "the handler's stream to close");
    expect(report).toEqual({ signalAborted: true, iteratorClosed: true });
    await eventually(() => gateway.accessLines().length === 1, "the stream's access line");
    expect(gateway.accessLines()[0]).toMatchObject({ stream: "client closed" });
  });

  it("ends the response, truncated, when the tenant process dies mid-stream", async () => {
    const { tenant, gateway, post } = await gatewayWithStubProcess(true);
    const response = await post({ do: "hang", chunks: ["data: 1\n\n"] });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = new TextDecoder().decode((await reader.read()).value);

    process.kill(tenant.pid ?? 0, "SIGKILL");

    expect(first).toBe("data: 1\n\n");
    await expect(reader.read()).rejects.toThrow();
    await eventually(() => gateway.accessLines().length === 1, "the stream's access line");
    expect(gateway.accessLines()[0]).toMatchObject({ status: 200, stream: "failed" });
    expect(gateway.logs).toContainEqual(
      expect.objectContaining({ msg: "tenant stream failed", tenantId: "globex" }),
    );
  });
});
