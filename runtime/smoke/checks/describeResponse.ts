import type { SmokeResponse } from "../smokeClient.ts";

/**
 * A response in a few words for a check's detail: the status, then the problem `code` and `detail` for a
 * problem+json body, or the gateway's `message`.
 *
 * @example
 * describeResponse(response); // "403 Forbidden (gateway)" or "404 NOT_FOUND: no conversation ..."
 */
export function describeResponse(response: SmokeResponse): string {
  const body = response.body as { code?: unknown; detail?: unknown; message?: unknown } | undefined;
  if (response.contentType === "application/problem+json" && typeof body?.code === "string") {
    const detail = typeof body.detail === "string" ? `: ${truncate(body.detail)}` : "";
    return `${response.status} ${body.code}${detail}`;
  }
  if (typeof body?.message === "string") return `${response.status} ${truncate(body.message)} (gateway)`;
  return `${response.status}${response.contentType ? ` ${response.contentType}` : ""}`;
}

/** The detail of a check that got the wrong status. */
export function unexpectedStatus(response: SmokeResponse, expected: number): string {
  const hint =
    response.status === 403 && !isProblem(response)
      ? "; denied at the edge: is the token from the IdP and for the tenant this API expects?"
      : response.status === 401
        ? "; the gateway saw no usable token (none, malformed, expired or not verifiable)"
        : "";
  return `expected ${expected}, got ${describeResponse(response)}${hint}`;
}

/** True for an RFC 9457 answer, which only the tenant's runtime sends (the gateway sends plain JSON). */
export function isProblem(response: SmokeResponse): boolean {
  return response.contentType === "application/problem+json";
}

function truncate(text: string): string {
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/**
 * Why an answer lacks its request id, or undefined when `x-request-id` is there: the id a tenant quotes,
 * found in the logs, problem bodies and the ledger row.
 */
export function requestIdProblem(response: SmokeResponse): string | undefined {
  return response.headers.get("x-request-id") ? undefined : "no x-request-id header";
}

/**
 * True for the tenant runtime's 400 `MODEL_UNSUPPORTED_PARAMETER`: the model cannot honour a parameter
 * (e.g. a Bedrock model without forced tool choice asked for a named tool), refused by design instead of
 * dropped. A check of that feature is then skipped for this model, not failed.
 */
export function isUnsupportedByModel(response: SmokeResponse): boolean {
  const body = response.body as { code?: unknown } | undefined;
  return response.status === 400 && isProblem(response) && body?.code === "MODEL_UNSUPPORTED_PARAMETER";
}
