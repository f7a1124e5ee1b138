import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type UpstreamReply, upstreamReply } from "./upstreamReply.ts";
import { chunksOf, completion, embeddings, logprobsAsked } from "./upstreamWire.ts";

/** Options of {@link startOpenAiUpstream}. */
export interface OpenAiUpstreamOptions {
  /** The key every request must send as `Authorization: Bearer <apiKey>`; others get a 401. */
  readonly apiKey: string;
  /** Pause before each chunk of a stream. @default 0 */
  readonly chunkDelayMs?: number;
  /** Prompt tokens reported as cached (`prompt_tokens_details.cached_tokens`), at most the prompt. @default 0 */
  readonly cachedPromptTokens?: number;
}

/** A request the upstream received, in arrival order, refused ones included. */
export interface UpstreamRequest {
  readonly method: string;
  /** e.g. `/v1/chat/completions` */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The body parsed as JSON; undefined when it is not JSON. */
  readonly body: Record<string, unknown> | undefined;
  /** SSE chunks written so far (each `data:` event, `[DONE]` included). */
  readonly chunksWritten: number;
  /**
   * How the response ended: `completed` once fully written, `closed-early` when the client closed the
   * connection before (an aborted stream, a client timeout).
   */
  readonly outcome: Promise<"completed" | "closed-early">;
}

/** A failure the upstream plays for one request (see {@link OpenAiUpstream.failNext}). */
export type UpstreamFault =
  /** Answer this status with an OpenAI error body `{ error: { message, type, code } }` and headers. */
  | {
      readonly type: "status";
      readonly status: number;
      readonly message?: string;
      readonly headers?: Record<string, string>;
    }
  /** Stream normally, then after `afterChunks` chunks send `data: {"error": ...}` and end the body. */
  | { readonly type: "stream-error"; readonly afterChunks: number; readonly error?: Record<string, unknown> }
  /** Stream normally, then end the body after `afterChunks` chunks: no finish_reason, no `[DONE]`. */
  | { readonly type: "cut-stream"; readonly afterChunks: number }
  /** Stream without the usage chunk, even when `stream_options.include_usage` asks for it. */
  | { readonly type: "no-usage" }
  /** Never answer (until the client gives up or the upstream closes). */
  | { readonly type: "hang" }
  /** Answer `count` choices whatever `n` asked for (a server that ignores or misreads `n`), streamed or not. */
  | { readonly type: "choices"; readonly count: number }
  /** Stream these chunks, then `[DONE]`, whatever the request (a misbehaving server). */
  | { readonly type: "events"; readonly events: readonly unknown[] }
  /** Answer this JSON body with 200, whatever the request (a misbehaving server). */
  | { readonly type: "body"; readonly body: unknown };

/** A running test upstream; see {@link startOpenAiUpstream}. */
export interface OpenAiUpstream {
  /** The base URL, `http://127.0.0.1:<port>/v1`, to use as an OpenAI `baseURL` or a tenant's `baseUrl`. */
  readonly url: string;
  readonly requests: readonly UpstreamRequest[];
  /** What each chat completion was answered with, in order (usage included), to compare with what was metered. */
  readonly replies: readonly UpstreamReply[];
  /** TCP connections accepted so far (a client that reuses keep-alive connections opens few). */
  readonly connections: number;
  /** Pause before each chunk of a stream; may be changed between requests. */
  chunkDelayMs: number;
  /** Plays these faults on the next requests, one each, in order; requests after them are served normally. */
  failNext(...faults: UpstreamFault[]): void;
  /** Stops listening and closes every open connection. */
  close(): Promise<void>;
}

/**
 * Starts a fake OpenAI endpoint on 127.0.0.1 (a free port) speaking the wire format of
 * `POST /v1/chat/completions` (one piece, or Server-Sent Events with `stream_options.include_usage`),
 * `POST /v1/embeddings` (float or base64) and `GET /v1/models`, for provider tests and end-to-end tests with
 * the real OpenAI, Vercel AI and LangChain clients. Its answers are deterministic (see `upstreamReply`):
 * `You said: <text>` in one chunk per word, tool calls when the last user message says `call <toolName>`,
 * JSON valid for a `json_schema` response format, `logprobs` (one token per piece, see `pieceLogprob`) when
 * asked for; embeddings from `upstreamEmbedding`.
 *
 * @example
 * const upstream = await startOpenAiUpstream({ apiKey: "sk-upstream" });
 * const client = new OpenAI({ baseURL: upstream.url, apiKey: "sk-upstream" });
 * upstream.failNext({ type: "status", status: 429, headers: { "retry-after": "3" } });
 * expect(upstream.requests[0]?.body?.model).toBe("gpt-4o-mini");
 * await upstream.close();
 */
export async function startOpenAiUpstream(options: OpenAiUpstreamOptions): Promise<OpenAiUpstream> {
  const requests: UpstreamRequest[] = [];
  const replies: UpstreamReply[] = [];
  const faults: UpstreamFault[] = [];
  const cachedPromptTokens = options.cachedPromptTokens ?? 0;
  let chatRequests = 0;

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      let body: Record<string, unknown> | undefined;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        body = undefined;
      }
      const recorded = {
        method: request.method ?? "",
        path: (request.url ?? "").split("?")[0] ?? "",
        headers: request.headers,
        body,
        chunksWritten: 0,
        outcome: new Promise<"completed" | "closed-early">((resolve) =>
          response.on("close", () => resolve(response.writableFinished ? "completed" : "closed-early")),
        ),
      };
      requests.push(recorded);
      if (request.headers.authorization !== `Bearer ${options.apiKey}`) {
        return sendError(response, 401, "Incorrect API key provided", "invalid_api_key");
      }
      const fault = faults.shift();
      if (fault?.type === "hang") return;
      if (fault?.type === "status") {
        return sendError(
          response,
          fault.status,
          fault.message ?? `upstream failure ${fault.status}`,
          undefined,
          fault.headers,
        );
      }
      if (fault?.type === "body") return sendJson(response, 200, fault.body);
      if (request.method === "GET" && recorded.path === "/v1/models") {
        return sendJson(response, 200, {
          object: "list",
          data: [{ id: "upstream-model", object: "model", owned_by: "test" }],
        });
      }
      if (request.method !== "POST")
        return sendError(response, 404, `no route ${request.method} ${recorded.path}`);
      if (body === undefined) return sendError(response, 400, "the body is not JSON");
      if (recorded.path === "/v1/embeddings") return sendJson(response, 200, embeddings(body));
      if (recorded.path !== "/v1/chat/completions")
        return sendError(response, 404, `no route POST ${recorded.path}`);
      if (typeof body.model !== "string" || !Array.isArray(body.messages)) {
        return sendError(response, 400, "model and messages are required");
      }
      chatRequests++;
      const asked = fault?.type === "choices" ? { ...body, n: fault.count } : body;
      const reply = upstreamReply(asked, { requestNumber: chatRequests, cachedPromptTokens });
      replies.push(reply);
      const id = `chatcmpl-${chatRequests}`;
      const logprobs = logprobsAsked(body);
      if (body.stream !== true) return sendJson(response, 200, completion(id, body.model, reply, logprobs));
      const includeUsage =
        (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true &&
        fault?.type !== "no-usage";
      void stream(
        response,
        recorded,
        fault?.type === "events" ? fault.events : chunksOf(id, body.model, reply, includeUsage, logprobs),
        fault,
        () => upstream.chunkDelayMs,
      );
    });
  });
  let connections = 0;
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  const upstream: OpenAiUpstream = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    replies,
    get connections() {
      return connections;
    },
    chunkDelayMs: options.chunkDelayMs ?? 0,
    failNext: (...next) => faults.push(...next),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
  return upstream;
}

/** Writes SSE chunks one by one, stopping as soon as the client has gone. */
async function stream(
  response: ServerResponse,
  recorded: { chunksWritten: number },
  chunks: readonly unknown[],
  fault: UpstreamFault | undefined,
  chunkDelayMs: () => number,
): Promise<void> {
  response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  // Headers at once, as OpenAI sends them, before the first token.
  response.flushHeaders();
  const events = [...chunks.map((chunk) => JSON.stringify(chunk)), "[DONE]"];
  for (const [position, data] of events.entries()) {
    const delayMs = chunkDelayMs();
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (response.destroyed) return;
    if (fault?.type === "stream-error" && position === fault.afterChunks) {
      const error = fault.error ?? {
        message: "The server had an error while processing your request.",
        type: "server_error",
      };
      response.end(`data: ${JSON.stringify({ error })}\n\n`);
      return;
    }
    if (fault?.type === "cut-stream" && position === fault.afterChunks) {
      response.end();
      return;
    }
    response.write(`data: ${data}\n\n`);
    recorded.chunksWritten++;
  }
  response.end();
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

function sendError(
  response: ServerResponse,
  status: number,
  message: string,
  code?: string,
  headers: Record<string, string> = {},
): void {
  const type = status === 429 ? "rate_limit_error" : status >= 500 ? "server_error" : "invalid_request_error";
  sendJson(response, status, { error: { message, type, param: null, code: code ?? null } }, headers);
}
