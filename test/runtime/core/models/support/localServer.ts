import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { createServer as createHttp2Server, type Http2Server, type Http2Session } from "node:http2";
import type { AddressInfo } from "node:net";

/** A request the server received, body read in full. */
export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** The part of a response a handler uses; HTTP/1.1 and HTTP/2 (compatibility API) responses both have it. */
export interface HandlerResponse {
  writeHead(status: number, headers?: Record<string, string>): unknown;
  end(body?: string): unknown;
}

/** Answers one received request; a handler that never ends the response makes the server hang. */
export type RequestHandler = (request: ReceivedRequest, response: HandlerResponse) => void;

/**
 * A real HTTP server on 127.0.0.1 (a free port) whose answer each test sets, recording what it received.
 * Stands in for a model provider's endpoint, so a provider is tested through its real HTTP client.
 * `http2: true` serves cleartext HTTP/2, which the Bedrock Runtime client speaks by default.
 */
export class LocalServer {
  readonly requests: ReceivedRequest[] = [];
  handler: RequestHandler = (_request, response) => {
    response.writeHead(500);
    response.end();
  };
  readonly #server: Server | Http2Server;
  readonly #sessions = new Set<Http2Session>();

  private constructor(server: Server | Http2Server) {
    this.#server = server;
  }

  static async start(options: { http2?: boolean } = {}): Promise<LocalServer> {
    const server = options.http2 ? createHttp2Server() : createServer();
    const local = new LocalServer(server);
    server.on("session", (session: Http2Session) => {
      local.#sessions.add(session);
      session.on("close", () => local.#sessions.delete(session));
    });
    server.on(
      "request",
      (
        request: NodeJS.ReadableStream & { method?: string; url?: string; headers: IncomingHttpHeaders },
        response: HandlerResponse,
      ) => {
        const chunks: Buffer[] = [];
        request.on("data", (chunk: Buffer) => chunks.push(chunk));
        request.on("end", () => {
          const received = {
            method: request.method ?? "",
            path: request.url ?? "",
            headers: request.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          };
          local.requests.push(received);
          local.handler(received, response);
        });
      },
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return local;
  }

  /** `http://127.0.0.1:<port>` */
  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Answers every request with this status, body (JSON unless a string) and headers. */
  respondJson(status: number, body: unknown, headers: Record<string, string> = {}): void {
    this.handler = (_request, response) => {
      response.writeHead(status, { "content-type": "application/json", ...headers });
      response.end(typeof body === "string" ? body : JSON.stringify(body));
    };
  }

  async close(): Promise<void> {
    if ("closeAllConnections" in this.#server) this.#server.closeAllConnections();
    for (const session of this.#sessions) session.destroy();
    await new Promise<void>((resolve, reject) =>
      this.#server.close((error) => (error ? reject(error) : resolve())),
    );
  }
}
