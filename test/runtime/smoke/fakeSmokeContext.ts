import type { SmokeRequest, SmokeResponse } from "../../../runtime/smoke/smokeClient.ts";
import type { SmokeContext } from "../../../runtime/smoke/smokeContext.ts";
import { type CheckResult, fail } from "../../../runtime/smoke/smokeReport.ts";
import type { TokenSource } from "../../../runtime/smoke/tokenSource.ts";

/** A response as the fake client returns it; it carries an `x-request-id` unless `headers` says otherwise. */
export function response(
  status: number,
  body?: unknown,
  contentType = "application/json",
  headers: Record<string, string> = { "x-request-id": "req-smoke" },
): SmokeResponse {
  return { status, contentType: body === undefined ? "" : contentType, headers: new Headers(headers), body };
}

/** Tokens that name their tenant and scopes, so a fake API can tell them apart. */
export const fakeTokens: TokenSource = {
  description: "fake",
  token: async (tenantId, scopes) => `token-of-${tenantId}:${scopes.length}`,
  expiredToken: async (tenantId) => ({ token: `expired-of-${tenantId}` }),
};

/**
 * A smoke context over a scripted API: `answer` gets each request and returns its response. Records the
 * requests and the check results.
 */
export function fakeSmokeContext(answer: (request: SmokeRequest) => SmokeResponse) {
  const requests: SmokeRequest[] = [];
  const results: CheckResult[] = [];
  const context: SmokeContext = {
    client: {
      baseUrl: "http://api.test",
      send: async (request) => {
        requests.push(request);
        return answer(request);
      },
    },
    tokens: fakeTokens,
    async check(name, tenant, run) {
      const outcome = await run().catch((error: Error) => fail(error.message));
      results.push({ name, ...(tenant !== undefined ? { tenant } : {}), ...outcome });
      return outcome.status;
    },
  };
  return { context, requests, results };
}
