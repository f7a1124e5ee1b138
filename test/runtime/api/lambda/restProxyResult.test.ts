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

  it("keeps a file's base64 body and flag, so API Gateway decodes it", () => {
    const result = restProxyResult({ statusCode: 200, body: "AAEC", isBase64Encoded: true });

    expect(result).toMatchObject({ body: "AAEC", isBase64Encoded: true });
  });
});
