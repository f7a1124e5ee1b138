import { describe, expect, it } from "vitest";
import type { LambdaResponseStream } from "../../../runtime/api/lambda/lambdaStreamingRuntime.ts";
import { apiGatewayStreamView } from "./apiGatewayStreamView.ts";
import { invokeStreamingHandler } from "./invokeStreamingHandler.ts";
import {
  httpIntegrationResponseContentType,
  installLambdaStreamingRuntime,
  localLambdaStreamingRuntime,
} from "./localLambdaStreamingRuntime.ts";

const { streamifyResponse, HttpResponseStream } = localLambdaStreamingRuntime;

describe("the local Lambda streaming contract", () => {
  it("writes the prelude JSON and 8 NUL bytes just before the first write, as the runtime client does", async () => {
    const handler = streamifyResponse<unknown>(async (_event, responseStream) => {
      const stream = HttpResponseStream.from(responseStream, { statusCode: 201, headers: { "x-a": "1" } });
      stream.write("one");
      stream.write("two");
      stream.end();
    });

    const invocation = invokeStreamingHandler(handler, {});
    await invocation.done;

    expect(invocation.contentType()).toBe(httpIntegrationResponseContentType);
    expect(invocation.bytes()).toEqual(
      Buffer.concat([
        Buffer.from('{"statusCode":201,"headers":{"x-a":"1"}}'),
        Buffer.alloc(8),
        Buffer.from("onetwo"),
      ]),
    );
    expect(apiGatewayStreamView(invocation)).toMatchObject({
      statusCode: 201,
      headers: { "x-a": "1" },
      chunks: [{ text: "one" }, { text: "two" }],
      body: "onetwo",
    });
  });

  it("writes no prelude when nothing is written, and refuses a content type after the first write", async () => {
    let late: unknown;
    const silent = streamifyResponse<unknown>(async (_event, responseStream) => {
      HttpResponseStream.from(responseStream, { statusCode: 200 });
      responseStream.end();
    });
    const tooLate = streamifyResponse<unknown>(async (_event, responseStream) => {
      responseStream.write("x");
      try {
        responseStream.setContentType("text/plain");
      } catch (error) {
        late = error;
      }
    });

    const nothing = invokeStreamingHandler(silent, {});
    const written = invokeStreamingHandler(tooLate, {});
    await Promise.all([nothing.done, written.done]);

    expect(nothing.bytes().length).toBe(0);
    expect((late as Error).message).toBe("Cannot set content-type, too late.");
    expect(written.bytes().toString()).toBe("x");
  });

  it("refuses a handler that is not streamified, and a stream without the delimiter", async () => {
    const plain = async (_event: unknown, responseStream: LambdaResponseStream) => {
      responseStream.end();
    };
    const noPrelude = streamifyResponse<unknown>(async (_event, responseStream) => {
      responseStream.setContentType(httpIntegrationResponseContentType);
      responseStream.write('{"statusCode":200}');
    });

    const invocation = invokeStreamingHandler(noPrelude, {});
    await invocation.done;

    expect(() => invokeStreamingHandler(plain, {})).toThrow(/not streamified/);
    expect(() => apiGatewayStreamView(invocation)).toThrow(/8-NUL delimiter/);
  });

  it("installs and removes the awslambda global", () => {
    // Arrange: another test file of the same worker may have left the global installed
    const global = globalThis as { awslambda?: unknown };
    const before = global.awslambda;
    delete global.awslambda;

    // Act
    const uninstall = installLambdaStreamingRuntime();
    const installed = global.awslambda;
    uninstall();
    const after = global.awslambda;
    if (before !== undefined) global.awslambda = before;

    // Assess
    expect(installed).toBe(localLambdaStreamingRuntime);
    expect(after).toBeUndefined();
  });
});
