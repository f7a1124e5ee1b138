import { hash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { APIGatewayRequestAuthorizerEvent } from "aws-lambda";
import type { TenantConfig } from "../../tenants/schema.ts";
import { corsHeaders } from "../api/corsHeaders.ts";
import { type GatewayResponseType, gatewayResponseBody, gatewayResponses } from "../api/gatewayResponses.ts";
import { matchRoute } from "../api/matchRoute.ts";
import type { HttpMethod, RouteDefinition } from "../api/routes.ts";
import type { AuthorizerContext, RestAuthorizerResult } from "../authorizer/createAuthorizer.ts";
import { TokenMemo } from "../authorizer/tokenMemo.ts";
import { emptyRecord } from "../core/json/emptyRecord.ts";
import { tenantStageVariables } from "../core/tenants/tenantStageVariables.ts";
import { roundMs } from "../core/time/roundMs.ts";
import { corsPreflight } from "./corsPreflight.ts";
import { decisionCacheExpiry } from "./decisionCacheExpiry.ts";
import type { JwksAnswer } from "./devIdentityProvider.ts";
import { readBody, toApiGatewayEvent, writeLambdaResult } from "./lambdaHttpAdapter.ts";
import { localExportPathPrefix } from "./localExportLink.ts";
import { localApiId, localMethodArn, localStageName } from "./localMethodArn.ts";
import { policyAllows } from "./policyAllows.ts";
import { rateLimitHeaders } from "./rateLimitHeaders.ts";
import { serveLocalExport } from "./serveLocalExport.ts";
import { isTenantProcessStream, type TenantProcess } from "./tenantProcess.ts";
import { TokenBucket } from "./tokenBucket.ts";
import { writeStreamAnswer } from "./writeStreamAnswer.ts";

/**
 * The most a buffered Lambda invocation may answer: its response payload (the proxy result's JSON) is at
 * most 6 MB ("Response payload size exceeded maximum allowed payload size (6291556 bytes)"); a streamed
 * one may be far larger.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
 */
export const maxBufferedLambdaPayloadBytes = 6_291_556;

/** API Gateway's own payload limit (REST and HTTP APIs alike). */
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
  /**
   * The edge authorizer's handler (the real one), called like API Gateway calls a REST API's REQUEST
   * authorizer: a policy back, `Unauthorized` thrown for 401, any other error a 500.
   */
  readonly authorize: (event: APIGatewayRequestAuthorizerEvent) => Promise<RestAuthorizerResult>;
  /**
   * Seconds a policy is cached per identity sources (Authorization header, HTTP method, resource path);
   * 0 disables.
   */
  readonly authorizerCacheTtlSeconds: number;
  /**
   * Milliseconds a buffered route's integration may take before the gateway answers 504
   * (INTEGRATION_TIMEOUT), as a REST API's integration timeout. Streamed routes are not cut.
   * @default 29000
   */
  readonly integrationTimeoutMs?: number;
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
  // As API Gateway's authorizer cache: bounded, least recently used out first, each policy until its TTL.
  const decisions = new TokenMemo<{ result: RestAuthorizerResult; expiresAtMs: number }>(10_000);
  // As each tenant's deployed stage carries them (the tenants are known before any request).
  const stageVariables = new Map(
    [...args.tenants].map(([tenantId, { config }]) => [tenantId, { ...tenantStageVariables(config) }]),
  );
  const stageVariablesOf = (tenantId: string) => stageVariables.get(tenantId) ?? { tenantId };
  const integrationTimeoutMs = args.integrationTimeoutMs ?? 29_000;

  const server = createServer((request, response) => {
    const started = performance.now();
    const edgeHeaders: Record<string, string> = {};
    // One id per request, before anything can refuse it: errors, logs and the event all carry it.
    const requestId = randomUUID();
    handle(request, response, started, requestId, edgeHeaders)
      .catch((error: unknown) => {
        args.log({ level: "error", msg: "gateway error", error: (error as Error).message });
        if (!response.headersSent) gatewayResponse(response, "DEFAULT_5XX", requestId, edgeHeaders, 500);
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
    requestId: string,
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
    const notFound = () => gatewayResponse(response, "MISSING_AUTHENTICATION_TOKEN", requestId, edgeHeaders);
    if (url.pathname.startsWith(localExportPathPrefix)) {
      if (!args.exportFiles) return notFound();
      return serveLocalExport({ url, response, ...args.exportFiles });
    }
    if (url.pathname.startsWith("/_idp/")) {
      if (!args.openIdProvider) return notFound();
      return args.openIdProvider(request, response);
    }
    edgeHeaders["x-request-id"] = requestId;
    response.siloLog = { requestId };
    const [, tenantId = "", ...rest] = url.pathname.split("/");
    const tenant = args.tenants.get(tenantId);
    const path = `/${rest.join("/")}`;
    const origin = request.headers.origin;
    if (tenant) Object.assign(edgeHeaders, corsHeaders(origin, tenant.config.cors.allowedOrigins));
    if (tenant && request.method === "OPTIONS") {
      const methods = routeMethods.filter((method) => matchRoute(method, path));
      if (methods.length === 0) return notFound();
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
        return gatewayResponse(response, "ACCESS_DENIED", requestId, { "x-request-id": requestId });
      }
      response.writeHead(204, { ...answer.headers, "x-request-id": requestId }).end();
      return;
    }
    const matched = tenant ? matchRoute(request.method ?? "GET", path) : undefined;
    if (!tenant || !matched) return notFound();
    const routeKey = matched.route.routeKey;
    response.siloLog = { ...response.siloLog, tenantId, routeKey };

    // The identity source is absent: API Gateway answers 401 without invoking the authorizer.
    const authorization = request.headers.authorization;
    if (!authorization) return gatewayResponse(response, "UNAUTHORIZED", requestId, edgeHeaders);
    const decision = await authorize({
      tenantId,
      route: matched.route,
      path,
      authorization,
      request,
      requestId,
    });
    response.siloLog.authorizer = typeof decision === "string" ? decision : "allowed";
    if (decision === "unauthorized") return gatewayResponse(response, "UNAUTHORIZED", requestId, edgeHeaders);
    if (decision === "denied") return gatewayResponse(response, "ACCESS_DENIED", requestId, edgeHeaders);
    if (decision === "failed") return gatewayResponse(response, "AUTHORIZER_FAILURE", requestId, edgeHeaders);
    const throttle = bucketOf(tenantId, tenant.config).take(Date.now());
    Object.assign(edgeHeaders, rateLimitHeaders(throttle));
    if (!throttle.allowed) return gatewayResponse(response, "THROTTLED", requestId, edgeHeaders);

    // A declared length over the limit is refused before a byte of the body is read.
    const tooLarge = () => gatewayResponse(response, "REQUEST_TOO_LARGE", requestId, edgeHeaders);
    if (Number(request.headers["content-length"] ?? 0) > maxGatewayBodyBytes) return tooLarge();
    const body = await readBody(request, maxGatewayBodyBytes);
    if (body === undefined) return tooLarge();
    const event = toApiGatewayEvent(request, {
      routeKey,
      rawPath: path,
      pathParameters: matched.pathParameters,
      tenantId,
      authorizer: decision.context as unknown as Record<string, unknown>,
      body,
      requestId,
    });
    // The client going away before the answer is complete aborts the invocation (and its model call), and
    // so does a buffered route's integration timeout.
    const cancel = new AbortController();
    response.once("close", () => {
      if (!response.writableEnded) cancel.abort();
    });
    const streamed = matched.route.responseTransferMode === "STREAM";
    let timedOut = false;
    const timer = streamed
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          cancel.abort();
        }, integrationTimeoutMs);
    let answer: Awaited<ReturnType<TenantProcess["invoke"]>>;
    try {
      answer = await tenant.process.invoke(matched.route.group, event, { signal: cancel.signal });
    } catch (error) {
      if (timedOut) return gatewayResponse(response, "INTEGRATION_TIMEOUT", requestId, edgeHeaders);
      args.log({
        level: "error",
        msg: "tenant process failed",
        tenantId,
        requestId,
        error: (error as Error).message,
      });
      return gatewayResponse(response, "DEFAULT_5XX", requestId, edgeHeaders, 502);
    } finally {
      clearTimeout(timer);
    }
    if (timedOut) return gatewayResponse(response, "INTEGRATION_TIMEOUT", requestId, edgeHeaders);
    if (!isTenantProcessStream(answer)) {
      // Measured only when the body could be near the limit (at most 6 bytes per character once escaped).
      const body = answer.body ?? "";
      const nearLimit = !streamed && body.length > maxBufferedLambdaPayloadBytes / 6;
      const payloadBytes = nearLimit ? Buffer.byteLength(JSON.stringify(answer), "utf8") : 0;
      if (payloadBytes > maxBufferedLambdaPayloadBytes) {
        // In AWS the invocation fails (Function.ResponseSizeTooLarge) and API Gateway answers 502.
        args.log({
          level: "error",
          msg: "tenant answer over a buffered Lambda response's limit",
          tenantId,
          requestId,
          payloadBytes,
        });
        return gatewayResponse(response, "DEFAULT_5XX", requestId, edgeHeaders, 502);
      }
      return writeLambdaResult(response, answer, edgeHeaders);
    }
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

  /**
   * The authorizer's verdict on one call, as a REST API reaches it: the (cached) policy evaluated against
   * the invoked method ARN, the context of an allow, or how it refused.
   */
  async function authorize(call: {
    tenantId: string;
    route: RouteDefinition;
    path: string;
    authorization: string;
    request: IncomingMessage;
    requestId: string;
  }): Promise<{ context: AuthorizerContext } | "unauthorized" | "denied" | "failed"> {
    const { tenantId, route, path, authorization } = call;
    const methodArn = localMethodArn(tenantId, route.method, path);
    // API Gateway caches per API (tenant) by the identity sources: the Authorization header, the HTTP
    // method and the resource path. The cached policy is evaluated against each call's own method ARN.
    const cacheKey = hash("sha256", `${tenantId}\n${route.routeKey}\n${authorization}`, "binary");
    const now = Date.now();
    let result = decisions.get(cacheKey, now)?.result;
    if (result === undefined) {
      try {
        result = await args.authorize(restAuthorizerEvent({ ...call, methodArn }));
      } catch (error) {
        // API Gateway answers 401 to exactly this error message, and 500 to any other failure.
        return (error as Error)?.message === "Unauthorized" ? "unauthorized" : "failed";
      }
      if (typeof result?.principalId !== "string" || typeof result.policyDocument !== "object")
        return "failed";
      if (args.authorizerCacheTtlSeconds > 0) {
        const expiresAtMs = decisionCacheExpiry(authorization, now, args.authorizerCacheTtlSeconds);
        if (expiresAtMs > now) decisions.set(cacheKey, { result, expiresAtMs });
      }
    }
    if (!policyAllows(result.policyDocument, methodArn)) return "denied";
    return { context: { ...(result.context as AuthorizerContext) } };
  }

  /** The REST REQUEST authorizer event API Gateway would send for this call. */
  function restAuthorizerEvent(call: {
    tenantId: string;
    route: RouteDefinition;
    path: string;
    request: IncomingMessage;
    requestId: string;
    methodArn: string;
  }): APIGatewayRequestAuthorizerEvent {
    const { tenantId, route, path, request, requestId, methodArn } = call;
    const headers = emptyRecord<string>();
    const multiValueHeaders = emptyRecord<string[]>();
    // rawHeaders keeps the client's case, as REST APIs do.
    for (let index = 0; index + 1 < request.rawHeaders.length; index += 2) {
      const name = request.rawHeaders[index] ?? "";
      const value = request.rawHeaders[index + 1] ?? "";
      headers[name] = value;
      multiValueHeaders[name] = [...(multiValueHeaders[name] ?? []), value];
    }
    const query = new URL(request.url ?? "/", "http://localhost").searchParams;
    const queryStringParameters = emptyRecord<string>();
    const multiValueQueryStringParameters = emptyRecord<string[]>();
    for (const [name, value] of query) {
      queryStringParameters[name] = value;
      multiValueQueryStringParameters[name] = [...(multiValueQueryStringParameters[name] ?? []), value];
    }
    const hasQuery = Object.keys(queryStringParameters).length > 0;
    const pathParameters = matchRoute(route.method, path)?.pathParameters ?? {};
    return {
      type: "REQUEST",
      methodArn,
      resource: route.path,
      path: `/${tenantId}${path}`,
      httpMethod: route.method,
      headers,
      multiValueHeaders,
      queryStringParameters: hasQuery ? queryStringParameters : null,
      multiValueQueryStringParameters: hasQuery ? multiValueQueryStringParameters : null,
      pathParameters: Object.keys(pathParameters).length > 0 ? pathParameters : null,
      stageVariables: stageVariablesOf(tenantId),
      requestContext: {
        accountId: "000000000000",
        apiId: localApiId(tenantId),
        resourceId: route.operationId,
        stage: localStageName,
        requestId,
        resourcePath: route.path,
        httpMethod: route.method,
        path: `/${tenantId}${path}`,
        protocol: `HTTP/${request.httpVersion}`,
        requestTimeEpoch: Date.now(),
        identity: {
          sourceIp: request.socket.remoteAddress ?? "127.0.0.1",
          userAgent: request.headers["user-agent"] ?? null,
        },
      },
    } as unknown as APIGatewayRequestAuthorizerEvent;
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

/**
 * A gateway response of the tenant APIs (runtime/api/gatewayResponses.ts), with the edge's headers known
 * so far: the same status and body as the deployed REST API's. `status` only for the 4XX/5XX defaults.
 */
function gatewayResponse(
  response: ServerResponse,
  type: GatewayResponseType,
  requestId: string,
  edgeHeaders: Readonly<Record<string, string>>,
  status?: number,
): void {
  response
    .writeHead(status ?? gatewayResponses[type].status ?? 500, {
      ...edgeHeaders,
      "content-type": "application/json",
    })
    .end(JSON.stringify(gatewayResponseBody(type, requestId)));
}
