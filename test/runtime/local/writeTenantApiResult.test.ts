import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { TenantApiResult } from "../../../runtime/api/tenantApiResult.ts";
import { writeTenantApiResult } from "../../../runtime/local/writeTenantApiResult.ts";

let close: (() => void) | undefined;
afterEach(() => {
  close?.();
  close = undefined;
});

/** A server on 127.0.0.1 answering every request with `result()`; resolves with its URL. */
async function serving(result: () => TenantApiResult) {
  const server = createServer((_request, response) => void writeTenantApiResult(response, result()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  close = () => server.close();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("writeTenantApiResult", () => {
  it("writes a whole result with its length", async () => {
    const url = await serving(() => ({
      statusCode: 201,
      headers: { "content-type": "application/json" },
      body: "{}",
    }));

    const response = await fetch(url);

    expect(response.status).toBe(201);
    expect(response.headers.get("content-length")).toBe("2");
    expect(await response.text()).toBe("{}");
  });

  it("writes a stream chunked, its head first", async () => {
    const url = await serving(() => ({
      statusCode: 200,
      headers: { "content-type": "text/event-stream" },
      streaming: true,
      body: (async function* () {
        yield "data: 1\n\n";
        yield "data: [DONE]\n\n";
      })(),
    }));

    const response = await fetch(url);

    expect(response.headers.get("content-type")).toBe("text/event-stream");
    expect(response.headers.get("transfer-encoding")).toBe("chunked");
    expect(await response.text()).toBe("data: 1\n\ndata: [DONE]\n\n");
  });
});
