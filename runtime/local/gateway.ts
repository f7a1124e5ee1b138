import { hash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { APIGatewayRequestAuthorizerEventV2 } from "aws-lambda";
import type { TenantConfig } from "../../tenants/schema.ts";
import { matchRoute } from "../api/matchRoute.ts";
import type { HttpMethod } from "../api/routes.ts";
import type { AuthorizerResult } from "../authorizer/createAuthorizer.ts";
import { TokenMemo } from "../authorizer/tokenMemo.ts";
import { tenantStageVariables } from "../core/tenants/tenantStageVariables.ts";
import { roundMs } from "../core/time/roundMs.ts";
import { corsHeaders } from "./corsHeaders.ts";
import { corsPreflight } from "./corsPreflight.ts";
import { decisionCacheExpiry } from "./decisionCacheExpiry.ts";
import type { JwksAnswer } from "./devIdentityProvider.ts";
import { readBody, toApiGatewayEvent, writeLambdaResult } from "./lambdaHttpAdapter.ts";
import { localExportPathPrefix } from "./localExportLink.ts";
import { rateLimitHeaders } from "./rateLimitHeaders.ts";
import { serveLocalExport } from "./serveLocalExport.ts";
import { isTenantProcessStream, type TenantProcess } from "./tenantProcess.ts";
import { TokenBucket } from "./tokenBucket.ts";
import { writeStreamAnswer } from "./writeStreamAnswer.ts";

/** API Gateway's own payload limit for HTTP APIs. */
const maxGatewayBodyBytes = 10 * 1024 * 1024;

const routeMethods: readonly HttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** The access-log fields a request adds as it goes (tenant, route, request id, time to first byte...). */
type LoggedResponse = ServerResponse & { siloLog?: Record<string, unknown> };

/** What the gateway fronts. */
export interface GatewayArgs {
  readonly host?: string;
  readonly port: number;
  readonly tenants: ReadonlyMap<
    string,
    {
      readonly config: TenantConfig;
      readonly process: Pick<TenantProcess, "invoke">;
    }
  >;
  /** The edge authorizer's handler (the real one), called like API Gateway calls it. */
  readonly authorize: (event: APIGatewayRequestAuthorizerEventV2) => Promise<AuthorizerResult>;
  /** Seconds a decision is cached per identity sources (Authorization header + route key); 0 disables. */
  readonly authorizerCacheTtlSeconds: number;
  /** The dev identity provider's JWKS endpoint (`/_idp/jwks.json`): status and body. */
  readonly jwks: () => JwksAnswer;
  /**
   * The OpenID Provider mounted at `/_idp`: answers every other `/_idp/*` request (discovery, authorize,
   * token, the development login). The JWKS answer above takes precedence, so drills apply to it.
   * @default 404 for those paths
   */
  readonly openIdProvider?: (request: IncomingMessage, response: ServerResponse) => Promise<void>;
  readonly isReady: () => boolean;
  readonly log: (entry: Record<string, unknown>) => void;
  /**
   * Export files too large for one API response, served at `/_exports/...` by signed link (the local
   * stand-in for S3 pre-signed GETs). @default 404 for those paths
   */
  readonly exportFiles?: { readonly dataDir: string; readonly platformKey: Buffer };
}

/**
 * The local stand-in for the production edge: each tenant's HTTP API under `/<tenantId>/...` (as the API
 * mappings on the custom domain), routes from the route table, and HTTP API semantics: 404 for an unknown
 * route, 401 without the identity header (authorizer not invoked), the shared authorizer called with a
 * payload 2.0 REQUEST event carrying the tenant's stage variable, 403 on deny, 500 when it fails, decisions
 * cached by identity sources for a TTL (never past the token's `exp`), per-tenant throttling from the
 * tenant's limits (429 with `retry-after` and OpenAI's `x-ratelimit-*` headers), 413 over the payload
 * limit, and one JSON access-log line per request (for a stream, when it ends). Allowed requests go to the
 * tenant's own process; a streamed answer is written chunk by chunk as the process sends it, and a client
 * that goes away aborts the invocation. Every response of a tenant's API carries `x-request-id`, the
 * event's `requestContext.requestId`, its own errors included. CORS preflights are answered here, before
 * the authorizer, from the tenant file's `cors.allowedOrigins`. Also serves the dev identity provider's
 * JWKS, hands the rest of `/_idp/*` to the OpenID Provider, serves large export files by signed link at
 * `/_exports/*`, and answers `/healthz`.
 */
export async function startGateway(
  args: GatewayArgs,
): Promise<{ server: Server; url: string; close: () => Promise<void> }> {
  const buckets = new Map<string, TokenBucket>();
  const bucketOf = (tenantId: string, config: TenantConfig) => {
    let bucket = buckets.get(tenantId);
    if (bucket === undefined) {
      bucket = new TokenBucket(config.limits.requestsPerSecond, config.limits.burst);
      buckets.set(tenantId, bucket);
    }
    return bucket;
  };
  // As API Gateway's authorizer cache: bounded, least recently used out first, each entry until its TTL.
  const decisions = new TokenMemo<{ result: AuthorizerResult; expiresAtMs: number }>(10_000);
  // As each tenant's deployed stage carries them (the tenants are known before any request).
  const stageVariables = new Map(
    [...args.tenants].map(([tenantId, { config }]) => [tenantId, { ...tenantStageVariables(config) }]),
  );
  const stageVariablesOf = (tenantId: string) => stageVariables.get(tenantId) ?? { tenantId };

  const server = createServer((request, response) => {
    const started = performance.now();
    const edgeHeaders: Record<string, string> = {};
    handle(request, response, started, edgeHeaders)
      .catch((error: unknown) => {
        args.log({ level: "error", msg: "gateway error", error: (error as Error).message });
        if (!response.headersSent) gatewayError(response, 500, "Internal Server Error", edgeHeaders);
        else response.destroy();
      })
      .finally(() => {
        const log = response as LoggedResponse;
        args.log({
          level: "info",
          msg: "access",
          method: request.method,
          path: (request.url ?? "").split("?")[0],
          status: response.statusCode,
          latencyMs: roundMs(performance.now() - started),
          ...log.siloLog,
        });
      });
  });

  /**
   * Answers one request. `edgeHeaders` collects the headers every answer carries from the moment they are
   * known (request id, CORS, rate limits), so the gateway's own errors carry them too.
   */
  async function handle(
    request: IncomingMessage,
    response: LoggedResponse,
    started: number,
    edgeHeaders: Record<string, string>,
  ) {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname === "/healthz") {
      const ready = args.isReady();
      response
        .writeHead(ready ? 200 : 503, { "content-type": "application/json" })
        .end(JSON.stringify({ ready }));
      return;
    }
    if (url.pathname === "/_idp/jwks.json") {
      const answer = args.jwks();
      response
        .writeHead(answer.status, { "content-type": "application/json" })
        .end(JSON.stringify(answer.body));
      return;
    }
    if (url.pathname.startsWith(localExportPathPrefix)) {
      if (!args.exportFiles) return gatewayError(response, 404, "Not Found", edgeHeaders);
      return serveLocalExport({ url, response, ...args.exportFiles });
    }
    if (url.pathname.startsWith("/_idp/")) {
      if (!args.openIdProvider) return gatewayError(response, 404, "Not Found", edgeHeaders);
      return args.openIdProvider(request, response);
    }
    // One id per request, before anything can refuse it: errors, logs and the event all carry it.
    const requestId = randomUUID();
    edgeHeaders["x-request-id"] = requestId;
    response.siloLog = { requestId };
    const [, tenantId = "", ...rest] = url.pathname.split("/");
    const tenant = args.tenants.get(tenantId);
    const path = `/${rest.join("/")}`;
    const origin = request.headers.origin;
    if (tenant) Object.assign(edgeHeaders, corsHeaders(origin, tenant.config.cors.allowedOrigins));
    if (tenant && request.method === "OPTIONS") {
      const methods = routeMethods.filter((method) => matchRoute(method, path));
      if (methods.length === 0) return gatewayError(response, 404, "Not Found", edgeHeaders);
      const answer = corsPreflight({
        origin,
        requestMethod: request.headers["access-control-request-method"],
        requestHeaders: request.headers["access-control-request-headers"],
        allowedOrigins: tenant.config.cors.allowedOrigins,
        methods,
      });
      response.siloLog = { ...response.siloLog, tenantId, preflight: true };
      if (answer.status === 403) {
        response.siloLog.refused = answer.reason;
        return gatewayError(response, 403, "Forbidden", { "x-request-id": requestId });
      }
      response.writeHead(204, { ...answer.headers, "x-request-id": requestId }).end();
      return;
    }
    const matched = tenant ? matchRoute(request.method ?? "GET", path) : undefined;
    if (!tenant || !matched) return gatewayError(response, 404, "Not Found", edgeHeaders);
    const routeKey = matched.route.routeKey;
    response.siloLog = { ...response.siloLog, tenantId, routeKey };

    const authorization = request.headers.authorization;
    if (!authorization) return gatewayError(response, 401, "Unauthorized", edgeHeaders);
    const decision = await authorize(tenantId, routeKey, path, authorization, request);
    if (decision === "error") return gatewayError(response, 500, "Internal Server Error", edgeHeaders);
    if (!decision.isAuthorized) return gatewayError(response, 403, "Forbidden", edgeHeaders);
    const throttle = bucketOf(tenantId, tenant.config).take(Date.now());
    Object.assign(edgeHeaders, rateLimitHeaders(throttle));
    if (!throttle.allowed) return gatewayError(response, 429, "Too Many Requests", edgeHeaders);

    // A declared length over the limit is refused before a byte of the body is read.
    if (Number(request.headers["content-length"] ?? 0) > maxGatewayBodyBytes)
      return gatewayError(response, 413, "Request Entity Too Large", edgeHeaders);
    const body = await readBody(request, maxGatewayBodyBytes);
    if (body === undefined) return gatewayError(response, 413, "Request Entity Too Large", edgeHeaders);
    const event = toApiGatewayEvent(request, {
      routeKey,
      rawPath: path,
      pathParameters: matched.pathParameters,
      tenantId,
      authorizer: decision.context as unknown as Record<string, unknown>,
      body,
      requestId,
    });
    // The client going away before the answer is complete aborts the invocation (and its model call).
    const clientGone = new AbortController();
    response.once("close", () => {
      if (!response.writableEnded) clientGone.abort();
    });
    let answer: Awaited<ReturnType<TenantProcess["invoke"]>>;
    try {
      answer = await tenant.process.invoke(matched.route.group, event, { signal: clientGone.signal });
    } catch (error) {
      args.log({
        level: "error",
        msg: "tenant process failed",
        tenantId,
        requestId,
        error: (error as Error).message,
      });
      return gatewayError(response, 502, "Bad Gateway", edgeHeaders);
    }
    if (!isTenantProcessStream(answer)) return writeLambdaResult(response, answer, edgeHeaders);
    const ended = await writeStreamAnswer(response, answer, edgeHeaders, () => {
      if (response.siloLog) response.siloLog.ttfbMs = roundMs(performance.now() - started);
    });
    response.siloLog = { ...response.siloLog, stream: ended.outcome };
    if (ended.outcome === "failed")
      args.log({
        level: "error",
        msg: "tenant stream failed",
        tenantId,
        requestId,
        error: ended.error.message,
      });
  }

  async function authorize(
    tenantId: string,
    routeKey: string,
    path: string,
    authorization: string,
    request: IncomingMessage,
  ): Promise<AuthorizerResult | "error"> {
    // API Gateway caches per API (tenant) by the identity sources: the Authorization header and route key.
    const cacheKey = hash("sha256", `${tenantId}\n${routeKey}\n${authorization}`, "binary");
    const now = Date.now();
    const cached = decisions.get(cacheKey, now);
    if (cached !== undefined) return cached.result;
    const event = {
      version: "2.0",
      type: "REQUEST",
      routeArn: `arn:aws:execute-api:local:000000000000:local-${tenantId}/$default/${routeKey.replace(" ", "")}`,
      identitySource: [authorization, routeKey],
      routeKey,
      rawPath: path,
      rawQueryString: "",
      headers: Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [
          name,
          Array.isArray(value) ? value.join(",") : (value ?? ""),
        ]),
      ),
      requestContext: { routeKey, stage: "$default", http: { method: request.method, path } },
      stageVariables: stageVariablesOf(tenantId),
    } as unknown as APIGatewayRequestAuthorizerEventV2;
    try {
      const result = await args.authorize(event);
      if (args.authorizerCacheTtlSeconds > 0) {
        const expiresAtMs = decisionCacheExpiry(authorization, now, args.authorizerCacheTtlSeconds);
        if (expiresAtMs > now) decisions.set(cacheKey, { result, expiresAtMs });
      }
      return result;
    } catch {
      return "error";
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(args.port, args.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://${args.host ?? "127.0.0.1"}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** API Gateway's own error body: plain JSON, not problem+json; with the edge's headers known so far. */
function gatewayError(
  response: ServerResponse,
  status: number,
  message: string,
  edgeHeaders: Readonly<Record<string, string>>,
): void {
  response
    .writeHead(status, { ...edgeHeaders, "content-type": "application/json" })
    .end(JSON.stringify({ message }));
}
