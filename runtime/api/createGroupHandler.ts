import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { writeAuditEvent } from "../core/audit/auditLog.ts";
import type { SqlDatabase } from "../core/db/sqlDatabase.ts";
import { RequestValidationError } from "../core/errors/requestValidationError.ts";
import { createIdempotencyStore } from "../core/idempotency/idempotencyStore.ts";
import { jsonLineLog } from "../core/logging/jsonLogger.ts";
import { primed, primeGenerator } from "../core/streams/primeGenerator.ts";
import { roundMs } from "../core/time/roundMs.ts";
import {
  IdempotencyInProgressError,
  IdempotencyKeyReusedError,
  MissingAuthorizationError,
  RouteNotFoundError,
  TenantMismatchError,
} from "./apiErrors.ts";
import { apiRoutes } from "./apiRoutes.ts";
import { corsHeaders } from "./corsHeaders.ts";
import type { ApiRoute } from "./defineRoute.ts";
import type { OperationResult, OperationTable, RequestContext } from "./operation.ts";
import { parseRequest } from "./parseRequest.ts";
import { problemFromError } from "./problemFromError.ts";
import type { HandlerGroup } from "./routes.ts";
import { idempotencyKey as idempotencyKeySchema } from "./schemas/common.ts";
import type { TenantApiInvokeOptions, TenantApiResult } from "./tenantApiResult.ts";

/** What an idempotent streamed answer is stored as, so a retry replays the same events. */
const storedStreamKey = "text/event-stream";

/** An API Gateway HTTP API event (payload 2.0) with the edge authorizer's simple-response context. */
export type TenantApiEvent = APIGatewayProxyEventV2 & {
  readonly requestContext: APIGatewayProxyEventV2["requestContext"] & {
    readonly authorizer?: { readonly lambda?: Record<string, unknown> };
  };
};

/** Arguments of {@link createGroupHandler}. */
export interface GroupHandlerArgs<Deps> {
  readonly group: HandlerGroup;
  /** The tenant this function serves (`SILO_TENANT_ID`); every request must be for it. */
  readonly tenantId: string;
  /** One operation per route of the group, by operationId. */
  readonly operations: OperationTable<Deps>;
  readonly deps: Deps;
  /** The tenant's database: idempotency keys and audit events are kept there. */
  readonly db: SqlDatabase;
  /**
   * Check every success response against the route's response schema (a failure is a bug: 500).
   * @default false; the local platform and tests turn it on
   */
  readonly validateResponses?: boolean;
  /** Receives one JSON-able line per request. @default a JSON line on stdout */
  readonly log?: (entry: Record<string, unknown>) => void;
  /**
   * The tenant file's `cors.allowedOrigins`: every answer gets the CORS headers for the request's Origin
   * ({@link corsHeaders}). @default none
   */
  readonly allowedOrigins?: readonly string[];
}

/**
 * Builds the Lambda handler of one handler group (chat, data or admin). For each request it: finds the
 * route by `routeKey` among the group's routes; checks that the authorizer context's tenant is this
 * function's tenant (again, behind the edge authorizer); validates path, query and body; runs the
 * operation, once per `Idempotency-Key` on routes that create or spend; writes an audit event for every
 * change and every admin action; and maps any error to a problem+json response in one place. No stack
 * trace or SQL ever reaches the caller.
 *
 * @example
 * export const handler = createGroupHandler({ group: "data", tenantId, operations, deps, db });
 */
export function createGroupHandler<Deps>(args: GroupHandlerArgs<Deps>) {
  const routesOfGroup = new Map(
    apiRoutes.filter((route) => route.group === args.group).map((route) => [route.routeKey, route]),
  );
  for (const route of routesOfGroup.values()) {
    if (!args.operations[route.operationId]) {
      throw new Error(
        `handler group ${args.group} has no operation for ${route.routeKey} (${route.operationId})`,
      );
    }
  }
  const idempotency = createIdempotencyStore(args.db);
  const log = args.log ?? jsonLineLog<Record<string, unknown>>();

  return async function handler(
    event: TenantApiEvent,
    options: TenantApiInvokeOptions = {},
  ): Promise<TenantApiResult> {
    const started = performance.now();
    const requestId = event.requestContext?.requestId ?? "unknown";
    const cors = corsHeaders(event.headers?.origin, args.allowedOrigins ?? []);
    const route = routesOfGroup.get(event.routeKey);
    let context: RequestContext | undefined;
    let status = 500;
    let resource: string | null = null;
    let timings: Readonly<Record<string, number>> | undefined;
    let streaming = false;
    const finish = async (error?: unknown) => {
      if (error !== undefined)
        log({ level: "error", msg: "stream failed", requestId, error: describe(error) });
      if (route && context && isAudited(route)) await audit(route, context, status, resource);
      log({
        level: status >= 500 || error !== undefined ? "error" : "info",
        msg: "request",
        tenantId: args.tenantId,
        group: args.group,
        routeKey: event.routeKey,
        status,
        requestId,
        latencyMs: roundMs(performance.now() - started),
        ...(streaming ? { streamed: true } : {}),
        ...timings,
      });
    };
    try {
      if (route === undefined) throw new RouteNotFoundError(event.routeKey);
      context = requestContextOf(event, args.tenantId, options.signal);
      const result = await runOperation(route, event, context);
      status = result.status ?? route.response.status;
      resource = result.resource ?? null;
      timings = result.timings;
      if (result.stream !== undefined) {
        const chunks = args.validateResponses ? await validatedStream(route, result.stream) : result.stream;
        streaming = true;
        return {
          statusCode: status,
          headers: {
            "content-type": "text/event-stream; charset=utf-8",
            "cache-control": "no-cache",
            ...result.headers,
            ...cors,
            "x-request-id": requestId,
          },
          body: await loggedStream(chunks, finish),
          streaming: true,
        };
      }
      if (args.validateResponses && status < 300) validateResponse(route, result);
      if (result.file !== undefined)
        return respondWithFile(status, result.file, withId({ ...result.headers, ...cors }, requestId));
      return respond(status, result.body, withId({ ...result.headers, ...cors }, requestId));
    } catch (error) {
      const problem = problemFromError(error, {
        requestId,
        instance: event.rawPath,
        openAiCompatible: route?.openAiCompatible === true,
      });
      status = problem.status;
      if (problem.status >= 500)
        log({ level: "error", msg: "request failed", requestId, error: describe(error) });
      return respond(problem.status, problem.body, withId({ ...problem.headers, ...cors }, requestId));
    } finally {
      if (!streaming) await finish();
    }
  };

  async function runOperation(
    route: ApiRoute,
    event: TenantApiEvent,
    context: RequestContext,
  ): Promise<OperationResult> {
    const input = { ...parseRequest(event, route), context };
    const operation = args.operations[route.operationId];
    if (operation === undefined) throw new RouteNotFoundError(route.routeKey);
    const key = route.idempotent ? context.idempotencyKey : undefined;
    if (key === undefined) return operation(input, args.deps);

    const scope = { subject: context.subject, operation: route.operationId };
    const claim = await idempotency.claim(scope, key, input.body);
    if (claim.kind === "mismatch") throw new IdempotencyKeyReusedError(key);
    if (claim.kind === "in-progress") throw new IdempotencyInProgressError(key);
    if (claim.kind === "replay") {
      const stored = claim.response.body as Record<string, unknown> | null;
      const events = stored?.[storedStreamKey];
      if (typeof events === "string") {
        return {
          status: claim.response.status,
          stream: replay(events),
          headers: { "idempotent-replayed": "true" },
        };
      }
      return {
        status: claim.response.status,
        body: claim.response.body,
        headers: { "idempotent-replayed": "true" },
      };
    }
    let result: OperationResult;
    try {
      result = await operation(input, args.deps);
    } catch (error) {
      await idempotency.release(scope, key).catch(() => undefined);
      throw error;
    }
    const status = result.status ?? route.response.status;
    if (result.stream === undefined) {
      await idempotency.complete(scope, key, { status, body: result.body });
      return result;
    }
    // A stream is recorded once it has been sent whole; one the caller left early frees the key, so a
    // retry runs again (the abandoned call is metered on its own ledger row).
    return {
      ...result,
      stream: await recordedStream(result.stream, async (text) => {
        if (text === undefined) await idempotency.release(scope, key).catch(() => undefined);
        else await idempotency.complete(scope, key, { status, body: { [storedStreamKey]: text } });
      }),
    };
  }

  async function audit(route: ApiRoute, context: RequestContext, status: number, resource: string | null) {
    try {
      await writeAuditEvent(args.db, {
        subject: context.subject,
        clientId: null,
        action: route.operationId,
        resource,
        outcome: status < 400 ? "succeeded" : status === 401 || status === 403 ? "denied" : "failed",
        status,
        requestId: context.requestId,
        sourceIp: context.sourceIp,
      });
    } catch (error) {
      // The action itself has already been answered; a lost audit row must at least be loud.
      log({
        level: "error",
        msg: "audit event not written",
        requestId: context.requestId,
        error: describe(error),
      });
    }
  }
}

/**
 * Changes, and everything in the admin group, are audited; plain reads of the tenant's data are not, and
 * neither are chat completions: they change no tenant data, and the usage ledger already records each one
 * (who, model, tokens, cost, request id) before the response returns.
 */
function isAudited(route: ApiRoute): boolean {
  if (route.operationId === "createChatCompletion") return false;
  return route.method !== "GET" || route.group === "admin";
}

function requestContextOf(
  event: TenantApiEvent,
  tenantId: string,
  signal: AbortSignal | undefined,
): RequestContext {
  const lambda = event.requestContext?.authorizer?.lambda;
  if (lambda === undefined || typeof lambda.tenantId !== "string" || typeof lambda.sub !== "string") {
    throw new MissingAuthorizationError();
  }
  if (lambda.tenantId !== tenantId) throw new TenantMismatchError();
  const headerKey = event.headers?.["idempotency-key"];
  const parsedKey = headerKey === undefined ? undefined : idempotencyKeySchema.safeParse(headerKey);
  if (parsedKey && !parsedKey.success) {
    throw new RequestValidationError([
      { path: "header.Idempotency-Key", message: "must be 1-255 visible ASCII characters, e.g. a UUID" },
    ]);
  }
  return {
    tenantId,
    subject: lambda.sub,
    scopes: typeof lambda.scopes === "string" ? lambda.scopes.split(" ").filter(Boolean) : [],
    tokenId: typeof lambda.tokenId === "string" ? lambda.tokenId : "",
    requestId: event.requestContext.requestId,
    sourceIp: event.requestContext.http?.sourceIp ?? null,
    ...(parsedKey?.success ? { idempotencyKey: parsedKey.data } : {}),
    ...(signal === undefined ? {} : { signal }),
  };
}

/** Every answer carries its request id, the one in the logs, problem bodies and ledger rows. */
function withId(headers: Record<string, string> | undefined, requestId: string): Record<string, string> {
  return { ...headers, "x-request-id": requestId };
}

/** Logs (and audits) a streamed request when its stream ends, however it ends. */
function loggedStream(
  chunks: AsyncGenerator<string, void, undefined>,
  finish: (error?: unknown) => Promise<void>,
): Promise<AsyncGenerator<string, void, undefined>> {
  async function* logged(): AsyncGenerator<string | typeof primed, void, undefined> {
    let failure: unknown;
    try {
      yield primed;
      yield* chunks;
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      await chunks.return(undefined);
      await finish(failure);
    }
  }
  return primeGenerator(logged());
}

/** Passes a stream through, handing its whole text to `done` when it ended, or undefined when it did not. */
function recordedStream(
  chunks: AsyncGenerator<string, void, undefined>,
  done: (text: string | undefined) => Promise<void>,
): Promise<AsyncGenerator<string, void, undefined>> {
  async function* recorded(): AsyncGenerator<string | typeof primed, void, undefined> {
    let text = "";
    let complete = false;
    try {
      yield primed;
      for await (const chunk of chunks) {
        text += chunk;
        yield chunk;
      }
      complete = true;
    } finally {
      await chunks.return(undefined);
      await done(complete ? text : undefined);
    }
  }
  return primeGenerator(recorded());
}

/** A stored stream, sent again as one chunk. */
async function* replay(text: string): AsyncGenerator<string, void, undefined> {
  yield text;
}

/**
 * Checks each event of a stream against the route's chunk schema (local and tests): an event that does not
 * match is a bug, raised from the stream. Each chunk is checked once it has been handed on, when the next
 * is asked for, so the check is never on the way to the client's first token; a bad chunk still fails
 * the stream before anything after it. Error events and `[DONE]` are not chunks.
 */
function validatedStream(
  route: ApiRoute,
  chunks: AsyncGenerator<string, void, undefined>,
): Promise<AsyncGenerator<string, void, undefined>> {
  const declared = route.response.schema === undefined ? undefined : route.response.streamChunk;
  if (declared === undefined)
    throw new Error(`${route.operationId} answered with a stream it does not declare`);
  const schema = declared;
  async function* validated(): AsyncGenerator<string | typeof primed, void, undefined> {
    try {
      yield primed;
      for await (const chunk of chunks) {
        yield chunk;
        for (const line of chunk.split("\n")) {
          if (!line.startsWith("data: ") || line === "data: [DONE]") continue;
          const data = JSON.parse(line.slice(6)) as Record<string, unknown>;
          if (!("error" in data)) schema.parse(data);
        }
      }
    } finally {
      await chunks.return(undefined);
    }
  }
  return primeGenerator(validated());
}

function respond(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  if (status === 204 || body === undefined) return { statusCode: status, headers };
  return {
    statusCode: status,
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  };
}

/** Fails (a bug: 500) when a success does not match the route's response: its schema, or a file. */
function validateResponse(route: ApiRoute, result: OperationResult): void {
  if (route.response.file !== undefined) {
    if (!Buffer.isBuffer(result.file) || result.headers?.["content-type"] === undefined) {
      throw new Error(`${route.operationId} must answer with a file and its content-type`);
    }
    return;
  }
  if (result.file !== undefined) throw new Error(`${route.operationId} answers JSON, not a file`);
  route.response.schema?.parse(result.body);
}

/** A file as API Gateway returns it: base64 in the result, decoded to the original bytes on the wire. */
function respondWithFile(
  status: number,
  file: Buffer,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return { statusCode: status, headers, body: file.toString("base64"), isBase64Encoded: true };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
