import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  toApiGatewayEvent,
  withEdgeHeaders,
  writeLambdaResult,
} from "../../../runtime/local/lambdaHttpAdapter.ts";

let close: (() => void) | undefined;
afterEach(() => {
  close?.();
  close = undefined;
});

/** A server on 127.0.0.1 whose handler gets each request; resolves with its URL. */
async function serve(handler: (request: IncomingMessage, response: ServerResponse) => void) {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  close = () => server.close();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("withEdgeHeaders", () => {
  it("lower-cases the tenant's headers and adds the edge's, which win", () => {
    expect(
      withEdgeHeaders(
        { "Content-Type": "application/json", "Access-Control-Allow-Origin": "*", "X-Count": 2 },
        { "access-control-allow-origin": "https://app.example.com", "x-ratelimit-remaining-requests": "4" },
      ),
    ).toEqual({
      "content-type": "application/json",
      "access-control-allow-origin": "https://app.example.com",
      "x-count": "2",
      "x-ratelimit-remaining-requests": "4",
    });
  });

  it("keeps the tenant's x-request-id and adds the edge's when the tenant sets none", () => {
    expect(withEdgeHeaders({ "X-Request-Id": "from-tenant" }, { "x-request-id": "from-edge" })).toEqual({
      "x-request-id": "from-tenant",
    });
    expect(withEdgeHeaders(undefined, { "x-request-id": "from-edge" })).toEqual({
      "x-request-id": "from-edge",
    });
  });

  it("joins the tenant's vary with the edge's", () => {
    expect(withEdgeHeaders({ Vary: "Accept-Encoding" }, { vary: "Origin" })).toEqual({
      vary: "Accept-Encoding, Origin",
    });
  });
});

/** The event parts of a GET /v1/models call of globex. */
const modelsCall = {
  routeKey: "GET /v1/models",
  rawPath: "/v1/models",
  pathParameters: {},
  tenantId: "globex",
  authorizer: undefined,
  body: Buffer.alloc(0),
  requestId: "0b7e5c1a-1111-4222-8333-944445555666",
};

describe("toApiGatewayEvent and writeLambdaResult", () => {
  it("puts the gateway's request id in the event and writes the result with the edge's headers", async () => {
    let requestId: string | undefined;
    const url = await serve((request, response) => {
      const event = toApiGatewayEvent(request, modelsCall);
      requestId = event.requestContext.requestId;
      writeLambdaResult(
        response,
        { statusCode: 200, headers: { "content-type": "application/json" }, body: "{}" },
        { "x-request-id": event.requestContext.requestId },
      );
    });

    const response = await fetch(`${url}/globex/v1/models`);

    expect(requestId).toBe("0b7e5c1a-1111-4222-8333-944445555666");
    expect(response.headers.get("x-request-id")).toBe(requestId);
    expect(response.headers.get("content-length")).toBe("2");
    expect(await response.text()).toBe("{}");
  });

  it("joins repeated query parameters named like Object's own members as any other", async () => {
    let query: Record<string, string | undefined> | undefined;
    const url = await serve((request, response) => {
      query = toApiGatewayEvent(request, modelsCall).queryStringParameters;
      response.end();
    });

    await fetch(`${url}/globex/v1/models?valueOf=1&valueOf=2&constructor=c`);

    expect({ ...query }).toEqual({ valueOf: "1,2", constructor: "c" });
  });
});
