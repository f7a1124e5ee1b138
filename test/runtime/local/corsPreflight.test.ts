import { describe, expect, it } from "vitest";
import { corsPreflight, type PreflightRequest } from "../../../runtime/local/corsPreflight.ts";

const origin = "https://app.example.com";
const allowedPreflight: PreflightRequest = {
  origin,
  requestMethod: "POST",
  requestHeaders: "authorization, content-type",
  allowedOrigins: [origin],
  methods: ["POST"],
};

describe("corsPreflight", () => {
  it("answers an allowed origin 204 with its exact origin, the path's methods, the headers and a max age", () => {
    expect(corsPreflight(allowedPreflight)).toEqual({
      status: 204,
      headers: {
        "access-control-allow-origin": origin,
        vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
        "access-control-allow-methods": "POST",
        "access-control-allow-headers": "authorization, content-type, idempotency-key",
        "access-control-max-age": "7200",
      },
    });
  });

  it.each([
    {
      case: "the openai SDK's x-stainless-* headers",
      asked: "Authorization, Content-Type, X-Stainless-Lang, X-Stainless-Retry-Count, x-stainless-timeout",
      allowed:
        "authorization, content-type, idempotency-key, x-stainless-lang, x-stainless-retry-count, x-stainless-timeout",
    },
    {
      case: "openai-organization and openai-project",
      asked: "openai-organization,openai-project",
      allowed: "authorization, content-type, idempotency-key, openai-organization, openai-project",
    },
    {
      case: "user-agent and accept",
      asked: "user-agent, accept",
      allowed: "authorization, content-type, idempotency-key, user-agent, accept",
    },
    {
      case: "headers off the allowlist, which are left out",
      asked: "x-evil, cookie, x-amz-security-token, x-stainless-os",
      allowed: "authorization, content-type, idempotency-key, x-stainless-os",
    },
    {
      case: "a malformed name, which is left out",
      asked: "x-stainless-os\r\nx-injected: 1, ",
      allowed: "authorization, content-type, idempotency-key",
    },
    { case: "no headers", asked: undefined, allowed: "authorization, content-type, idempotency-key" },
  ])("allows, of the requested headers, $case", ({ asked, allowed }) => {
    const answer = corsPreflight({ ...allowedPreflight, requestHeaders: asked });

    expect(answer.status === 204 && answer.headers["access-control-allow-headers"]).toBe(allowed);
  });

  it("lists every method of a path and takes the requested method in any case", () => {
    const answer = corsPreflight({ ...allowedPreflight, requestMethod: "get", methods: ["GET", "POST"] });

    expect(answer.status === 204 && answer.headers["access-control-allow-methods"]).toBe("GET, POST");
  });

  it.each([
    {
      case: "no Origin",
      change: { origin: undefined },
      reason: "an OPTIONS request without an Origin header is not a preflight",
    },
    {
      case: "an unlisted origin",
      change: { origin: "https://evil.example.com" },
      reason:
        "origin https://evil.example.com is not in the tenant's cors.allowedOrigins; add it to the tenant file to allow it",
    },
    {
      case: "a tenant that allows no origin",
      change: { allowedOrigins: [] },
      reason: `origin ${origin} is not in the tenant's cors.allowedOrigins; add it to the tenant file to allow it`,
    },
    {
      case: "a method the path does not have",
      change: { requestMethod: "DELETE" },
      reason: "access-control-request-method DELETE is not a method of this path (POST)",
    },
    {
      case: "no requested method",
      change: { requestMethod: undefined },
      reason: "access-control-request-method (missing) is not a method of this path (POST)",
    },
  ])("refuses $case with 403 and no CORS header", ({ change, reason }) => {
    expect(corsPreflight({ ...allowedPreflight, ...change })).toEqual({ status: 403, reason });
  });
});
