import { SmokeRequestError } from "./smokeErrors.ts";

/** One request to a tenant's API. */
export interface SmokeRequest {
  readonly tenantId: string;
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path under the tenant's API, with its query: `/v1/usage/events?limit=5`. */
  readonly path: string;
  /** Sent as `Authorization: Bearer <token>`; omit to send no Authorization header. */
  readonly token?: string;
  /** Sent as JSON. */
  readonly body?: unknown;
}

/** An answer, with its body parsed when it is JSON. */
export interface SmokeResponse {
  readonly status: number;
  /** The media type without parameters, e.g. `application/problem+json`; "" when absent. */
  readonly contentType: string;
  readonly headers: Headers;
  /** The parsed JSON body, or the text when it is not JSON, or undefined when empty. */
  readonly body: unknown;
}

/** The tiny HTTP client the checks call tenant APIs through. */
export interface SmokeClient {
  readonly baseUrl: string;
  send(request: SmokeRequest): Promise<SmokeResponse>;
}

/**
 * A client for `<baseUrl>/<tenantId><path>`, the way both the local gateway and the production custom
 * domain map each tenant's API. Each request has its own timeout; a request without any HTTP answer throws
 * {@link SmokeRequestError}, every HTTP status (4xx and 5xx included) comes back as a response. A request
 * the gateway throttled (429) is sent again after a backoff, a few times.
 *
 * @example
 * const client = createSmokeClient({ baseUrl: "http://127.0.0.1:8080", timeoutMs: 30_000 });
 * const health = await client.send({ tenantId: "globex", method: "GET", path: "/v1/health", token });
 */
export function createSmokeClient(args: {
  baseUrl: string;
  timeoutMs: number;
  /** Waits before retrying a throttled request, in order; their count is the number of retries. */
  throttleBackoffMs?: readonly number[];
}): SmokeClient {
  const baseUrl = args.baseUrl.replace(/\/+$/, "");
  const backoffMs = args.throttleBackoffMs ?? defaultThrottleBackoffMs;
  return {
    baseUrl,
    async send(request) {
      for (let attempt = 0; ; attempt++) {
        const response = await sendOnce(baseUrl, request, args.timeoutMs);
        const waitMs = backoffMs[attempt];
        if (!isGatewayThrottle(response) || waitMs === undefined) return response;
        const retryAfterSeconds = Number(response.headers.get("retry-after"));
        await sleep(retryAfterSeconds > 0 ? Math.min(retryAfterSeconds * 1000, maxWaitMs) : waitMs);
      }
    },
  };
}

/**
 * Waits between retries of a request the gateway throttled. The suite's own bursts can exceed a small
 * tenant's `requestsPerSecond`/`burst` (e.g. 5/10); a gateway 429 means the request never reached the
 * tenant, so even a POST is safe to send again.
 */
const defaultThrottleBackoffMs = [200, 400, 800, 1600, 3200] as const;
const maxWaitMs = 5000;

/**
 * The gateway's own 429 (plain JSON). A 429 with problem+json came from the tenant (an exhausted budget, a
 * throttling model provider) and is an answer to report, not to retry.
 */
function isGatewayThrottle(response: SmokeResponse): boolean {
  return response.status === 429 && response.contentType !== "application/problem+json";
}

async function sendOnce(baseUrl: string, request: SmokeRequest, timeoutMs: number): Promise<SmokeResponse> {
  const url = `${baseUrl}/${request.tenantId}${request.path}`;
  const headers: Record<string, string> = { accept: "application/json" };
  if (request.token !== undefined) headers.authorization = `Bearer ${request.token}`;
  if (request.body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: request.method,
      headers,
      ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    throw new SmokeRequestError(request.method, url, error, timeoutMs);
  }
  const contentType = (response.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
  return { status: response.status, contentType, headers: response.headers, body: parseBody(text) };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function parseBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
