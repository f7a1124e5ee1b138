import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { openPost, postJson, readBounded } from "../../../../runtime/core/models/postJson.ts";

type Handler = (request: IncomingMessage & { body: string }, response: ServerResponse) => void;

let server: Server | undefined;
let connections = 0;

/** A real HTTP server on 127.0.0.1 that counts the TCP connections it accepts. */
async function serve(handler: Handler): Promise<string> {
  connections = 0;
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () =>
      handler(Object.assign(request, { body: Buffer.concat(chunks).toString("utf8") }), response),
    );
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  const running = server;
  server = undefined;
  if (running === undefined) return;
  running.closeAllConnections();
  await new Promise((resolve) => running.close(resolve));
});

const options = { headers: {}, signal: new AbortController().signal, maxResponseBytes: 1024 };

describe("postJson", () => {
  it("posts the body as JSON with its length and the caller's headers, and returns status, headers and text", async () => {
    let received: { method?: string; headers?: IncomingMessage["headers"]; body?: string } = {};
    const url = await serve((request, response) => {
      received = { method: request.method, headers: request.headers, body: request.body };
      response.writeHead(201, { "content-type": "application/json", "x-answer": "yes" }).end('{"ok":true}');
    });

    const answer = await postJson(`${url}/v1/chat/completions`, '{"q":"€"}', {
      ...options,
      headers: { authorization: "Bearer k" },
    });

    expect(answer).toMatchObject({ status: 201, text: '{"ok":true}' });
    expect(answer.headers["x-answer"]).toBe("yes");
    expect(received).toMatchObject({ method: "POST", body: '{"q":"€"}' });
    expect(received.headers).toMatchObject({
      authorization: "Bearer k",
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength('{"q":"€"}')),
    });
  });

  it("reuses one connection for calls one after another", async () => {
    const url = await serve((_request, response) => response.end("{}"));

    for (let call = 0; call < 5; call++) await postJson(url, "{}", options);

    expect(connections).toBe(1);
  });

  it("waits for an answer slower than the idle-connection timeout, as a model's often is", async () => {
    // Idle keep-alive connections close after 4 s; a request in flight on one must not.
    const url = await serve((_request, response) => {
      setTimeout(() => response.end('{"late":true}'), 4500);
    });

    const answer = await postJson(url, "{}", { ...options, signal: AbortSignal.timeout(10_000) });

    expect(answer).toMatchObject({ status: 200, text: '{"late":true}' });
  }, 15_000);

  it("decodes a multi-byte character split across chunks", async () => {
    const euro = Buffer.from("€");
    const url = await serve((_request, response) => {
      response.write(euro.subarray(0, 1));
      setTimeout(() => response.end(euro.subarray(1)), 20);
    });

    expect((await postJson(url, "{}", options)).text).toBe("€");
  });

  it("gives no text for a declared Content-Length over the bound, without reading the body", async () => {
    const url = await serve((_request, response) =>
      response.writeHead(200, { "content-length": "2000" }).end("x".repeat(2000)),
    );

    expect(await postJson(url, "{}", options)).toMatchObject({ status: 200, text: undefined });
  });

  it("stops reading a streamed body as soon as it passes the bound", async () => {
    let written = 0;
    let closedEarly = false;
    const url = await serve((_request, response) => {
      response.on("close", () => {
        closedEarly = !response.writableFinished;
      });
      const writeMore = () => {
        if (response.destroyed) return;
        if (written >= 100) return response.end();
        written++;
        response.write("x".repeat(100));
        setTimeout(writeMore, 5);
      };
      writeMore();
    });

    const answer = await postJson(url, "{}", { ...options, maxResponseBytes: 250 });
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(answer.text).toBeUndefined();
    expect(closedEarly).toBe(true);
    expect(written).toBeLessThan(20);
  });

  it("does not follow a redirect", async () => {
    const url = await serve((request, response) => {
      if (request.url === "/elsewhere") return response.end('{"followed":true}');
      response.writeHead(307, { location: "/elsewhere" }).end();
    });

    const answer = await postJson(url, "{}", options);

    expect(answer.status).toBe(307);
    expect(answer.headers.location).toBe("/elsewhere");
  });

  it("rejects with ABORT_ERR when the signal aborts before the answer", async () => {
    const url = await serve(() => {});

    const call = postJson(url, "{}", { ...options, signal: AbortSignal.timeout(50) });

    await expect(call).rejects.toMatchObject({ code: "ABORT_ERR" });
  });

  it("rejects with the network error's code when nothing listens", async () => {
    const url = await serve(() => {});
    server?.close();
    await new Promise((resolve) => setTimeout(resolve, 10));

    await expect(postJson(url, "{}", options)).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });

  it("refuses a URL that is not http(s), naming it", async () => {
    await expect(postJson("file:///etc/passwd", "{}", options)).rejects.toThrow(
      "file:///etc/passwd is not an http(s) URL",
    );
  });
});

describe("openPost", () => {
  it("resolves at the headers, before the body has been sent, and lets the caller read it as it comes", async () => {
    let finish: () => void = () => {};
    const url = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write("data: one\n\n");
      finish = () => response.end("data: two\n\n");
    });

    const response = await openPost(url, "{}", { headers: {}, signal: options.signal });
    const first = await new Promise<string>((resolve) =>
      response.once("data", (chunk: Buffer) => resolve(String(chunk))),
    );
    finish();

    expect(response.statusCode).toBe(200);
    expect(first).toBe("data: one\n\n");
    expect(await readBounded(response, 1024)).toBe("data: two\n\n");
  });

  it("ends a body being read when the signal aborts, closing the connection", async () => {
    let closedEarly: Promise<boolean> = Promise.resolve(false);
    const url = await serve((_request, response) => {
      closedEarly = new Promise((resolve) => response.on("close", () => resolve(!response.writableFinished)));
      response.writeHead(200).write("partial");
    });
    const controller = new AbortController();

    const response = await openPost(url, "{}", { headers: {}, signal: controller.signal });
    const reading = readBounded(response, 1024);
    controller.abort();

    await expect(reading).rejects.toThrow();
    expect(await closedEarly).toBe(true);
  });

  it("refuses a URL that is not http(s), naming it", async () => {
    await expect(
      openPost("ftp://example.com", "{}", { headers: {}, signal: options.signal }),
    ).rejects.toThrow("ftp://example.com is not an http(s) URL");
  });
});
