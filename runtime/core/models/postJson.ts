import {
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
} from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

/** What {@link postJson} got back: the status, the headers, and the body as UTF-8 (undefined: too large). */
export interface PostedResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** Undefined when the body is larger than `maxResponseBytes`; the rest of it was never read. */
  readonly text: string | undefined;
}

/** Options of {@link postJson}. */
export interface PostJsonOptions {
  readonly headers: Readonly<Record<string, string>>;
  /** Ends the call at any point, reading the body included. */
  readonly signal: AbortSignal;
  readonly maxResponseBytes: number;
}

/**
 * Idle connections are kept for reuse, but closed after this long: below the 5 s keep-alive of Node
 * servers and far below proxies' (60-75 s), so a connection is not reused just as the server closes it.
 */
const idleSocketMs = 4000;
const agents = {
  "http:": new HttpAgent({ keepAlive: true, timeout: idleSocketMs }),
  "https:": new HttpsAgent({ keepAlive: true, timeout: idleSocketMs }),
};

/**
 * POSTs a JSON body over HTTP/1.1 with node:http(s), on keep-alive connections shared by every call in the
 * process, and reads the answer within a byte bound. Redirects are never followed. Rejects on a network
 * failure or when `signal` aborts (the error's `code` says which, e.g. ECONNREFUSED or ABORT_ERR).
 *
 * Why not `fetch`: on the tenant's hot path (a model call per chat request), undici's fetch cost about
 * three times the CPU per call of node:http with keep-alive, and twice the sequential latency
 * (`npm run bench -- platform`, docs/benchmarks.md).
 *
 * @example
 * const { status, text } = await postJson(`${baseUrl}/chat/completions`, JSON.stringify(body), {
 *   headers: { authorization: `Bearer ${key}` }, signal, maxResponseBytes: 8 * 1024 * 1024,
 * });
 */
export async function postJson(url: string, body: string, options: PostJsonOptions): Promise<PostedResponse> {
  const response = await openPost(url, body, options);
  return {
    status: response.statusCode ?? 0,
    headers: response.headers,
    text: await readBounded(response, options.maxResponseBytes),
  };
}

/**
 * POSTs a JSON body like {@link postJson}, but resolves as soon as the response headers arrive, with the
 * body left unread: for streamed answers (Server-Sent Events), which the caller reads as they come.
 * `signal` still ends the call while the body is read: the response then fails with an `AbortError`. The
 * caller must read the body to its end or `destroy()` it, or the connection is never freed.
 *
 * @example
 * const response = await openPost(`${baseUrl}/chat/completions`, JSON.stringify({ ...body, stream: true }), {
 *   headers: { authorization: `Bearer ${key}`, accept: "text/event-stream" }, signal,
 * });
 * for await (const chunk of response) parser.feed(chunk.toString());
 */
export function openPost(
  url: string,
  body: string,
  options: Pick<PostJsonOptions, "headers" | "signal">,
): Promise<IncomingMessage> {
  const target = new URL(url);
  if (target.protocol !== "http:" && target.protocol !== "https:") {
    return Promise.reject(new TypeError(`${url} is not an http(s) URL`));
  }
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      target,
      {
        method: "POST",
        agent: agents[target.protocol as keyof typeof agents],
        headers: {
          ...options.headers,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        },
        signal: options.signal,
      },
      resolve,
    );
    request.on("error", reject);
    request.end(body);
  });
}

/**
 * Reads a response body to its end as UTF-8, or stops as soon as it passes `maxResponseBytes` (declared or
 * read) and gives undefined; the connection is then closed, as it cannot be reused with a body left in it.
 */
export function readBounded(
  response: IncomingMessage,
  maxResponseBytes: number,
): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const tooLarge = () => {
      response.destroy();
      resolve(undefined);
    };
    const declaredBytes = Number(response.headers["content-length"] ?? Number.NaN);
    if (declaredBytes > maxResponseBytes) return tooLarge();
    const chunks: Buffer[] = [];
    let bytes = 0;
    response.on("data", (chunk: Buffer) => {
      bytes += chunk.byteLength;
      if (bytes > maxResponseBytes) return tooLarge();
      chunks.push(chunk);
    });
    response.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    response.on("error", reject);
  });
}
