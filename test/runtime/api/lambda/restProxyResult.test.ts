import { describe, expect, it } from "vitest";
import { restProxyResult } from "../../../../runtime/api/lambda/restProxyResult.ts";

describe("restProxyResult", () => {
  it("answers status, headers, body and the base64 flag in payload 1.0", () => {
    const result = restProxyResult({
      statusCode: 201,
      headers: { "content-type": "application/json", "x-request-id": "r-1" },
      body: '{"id":"c-1"}',
    });

    expect(result).toEqual({
      statusCode: 201,
      headers: { "content-type": "application/json", "x-request-id": "r-1" },
      body: '{"id":"c-1"}',
      isBase64Encoded: false,
    });
  });

  it("sends 2.0 cookies as repeated Set-Cookie values, which 1.0 has no other place for", () => {
    const result = restProxyResult({ statusCode: 200, cookies: ["a=1; Secure", "b=2"], body: "" });

    expect(result.multiValueHeaders).toEqual({ "set-cookie": ["a=1; Secure", "b=2"] });
  });

  it("gives a bodiless answer an empty body, as the proxy integration requires a string", () => {
    const result = restProxyResult({ statusCode: 204, headers: { "x-request-id": "r-2" } });

    expect(result).toEqual({
      statusCode: 204,
      headers: { "x-request-id": "r-2" },
      body: "",
      isBase64Encoded: false,
    });
  });

  it("keeps a binary file's base64 body and flag, which API Gateway decodes only for its binaryMediaTypes", () => {
    const result = restProxyResult({
      statusCode: 200,
      headers: { "content-type": "application/octet-stream" },
      body: Buffer.from([0xff, 0x00, 0x01]).toString("base64"),
      isBase64Encoded: true,
    });

    expect(result).toMatchObject({ body: "/wAB", isBase64Encoded: true });
  });

  it("sends a text file (an export's JSON Lines) as text, since the API has no binaryMediaTypes to decode it", () => {
    // Prepare: what the export download route answers, a UTF-8 file in base64
    const file = Buffer.from(
      '{"type":"manifest","tenantId":"acme-health"}\n{"type":"conversation","title":"café"}\n',
    );

    // Act
    const result = restProxyResult({
      statusCode: 200,
      headers: { "content-type": "application/jsonl", etag: '"abc"' },
      body: file.toString("base64"),
      isBase64Encoded: true,
    });

    // Assess: the same bytes on the wire, without relying on API Gateway to decode base64
    expect(result.isBase64Encoded).toBe(false);
    expect(Buffer.from(result.body, "utf8").equals(file)).toBe(true);
    expect(result.headers).toEqual({ "content-type": "application/jsonl", etag: '"abc"' });
  });

  it("keeps base64 for a text type whose bytes are not UTF-8", () => {
    const body = Buffer.from([0x63, 0x61, 0x66, 0xe9]).toString("base64");

    const result = restProxyResult({
      statusCode: 200,
      headers: { "content-type": "text/plain" },
      body,
      isBase64Encoded: true,
    });

    expect(result).toMatchObject({ body, isBase64Encoded: true });
  });
});
