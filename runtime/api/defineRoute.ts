import type * as z from "zod";
import type { OperationResult, RequestContext } from "./operation.ts";
import type { RouteDefinition } from "./routes.ts";
import type { FileResponse } from "./schemas/fileResponse.ts";

/**
 * What a route answers when it succeeds: the status and the body's schema, or the file it sends, or
 * nothing (204 No Content).
 */
export type RouteResponse =
  | {
      readonly status: 200 | 201 | 202;
      readonly schema: z.ZodType;
      readonly file?: undefined;
      /** The route also answers server-sent events of these chunks when the request asks to stream. */
      readonly streamChunk?: z.ZodType;
    }
  | { readonly status: 200; readonly file: FileResponse; readonly schema?: undefined }
  | { readonly status: 204; readonly schema?: undefined; readonly file?: undefined };

/** What one route takes and answers, as zod schemas. */
export interface RouteSchemas {
  /** The `{name}` segments of the path, one key each; values arrive as strings. */
  readonly pathParams?: z.ZodObject;
  /** The query string; values arrive as strings, so numeric ones are coerced. */
  readonly query?: z.ZodObject;
  /** The JSON request body. */
  readonly body?: z.ZodType;
  readonly response: RouteResponse;
}

/** A route without its handler: what it is, takes and answers. What validation and OpenAPI read. */
export interface RouteContract extends RouteDefinition, RouteSchemas {}

/** What a handler receives: the request as its route's schemas validated it, and who is calling. */
export interface HandlerInput<Params, Query, Body> {
  readonly params: Params;
  readonly query: Query;
  readonly body: Body;
  readonly context: RequestContext;
}

/** A route's handler: a pure core over its dependencies. */
export type RouteHandler<Params, Query, Body, Deps> = (
  input: HandlerInput<Params, Query, Body>,
  deps: Deps,
) => Promise<OperationResult>;

/**
 * A route of the tenant API, defined once: what the edge exposes and the authorizer checks (method, path,
 * scope), the Lambda that serves it (group), its schemas, and its handler. The runtime router, the OpenAPI
 * document and the zod-free route table (`routes.ts`, generated) all come from these.
 */
export interface ApiRoute<Deps = never> extends RouteContract {
  /** An OpenAI-compatible route: errors also carry OpenAI's `error` object, so OpenAI clients show them. */
  readonly openAiCompatible?: boolean;
  readonly handler: RouteHandler<Record<string, unknown>, Record<string, unknown>, unknown, Deps>;
}

type Validated<Schema, Raw> = Schema extends z.ZodType ? z.output<Schema> : Raw;
type RawParams = Record<string, string | undefined>;

/** What {@link defineRoute} takes: the route, its schemas, and a handler typed by them. */
export type RouteSpec<
  Deps,
  Params extends z.ZodObject | undefined,
  Query extends z.ZodObject | undefined,
  Body extends z.ZodType | undefined,
> = Omit<RouteDefinition, "routeKey"> & {
  readonly openAiCompatible?: boolean;
  readonly pathParams?: Params;
  readonly query?: Query;
  readonly body?: Body;
  readonly response: RouteResponse;
  readonly handler: RouteHandler<
    Validated<Params, RawParams>,
    Validated<Query, RawParams>,
    Validated<Body, undefined>,
    Deps
  >;
};

/**
 * Defines one route. The handler's `params`, `query` and `body` are typed from the route's own schemas, so
 * the typecheck proves a handler reads only what was validated.
 *
 * @example
 * export const getTemplateRoute = defineRoute({
 *   method: "GET", path: "/v1/templates/{templateId}", operationId: "getTemplate",
 *   scope: "templates:read", group: "data", summary: "Get a template",
 *   pathParams: templates.templatePathParams,
 *   response: { status: 200, schema: templates.templateSchema },
 *   handler: async ({ params }, { db }: OperationDeps) => ({ body: await templateStore.get(db, params.templateId) }),
 * });
 */
export function defineRoute<
  Deps,
  Params extends z.ZodObject | undefined = undefined,
  Query extends z.ZodObject | undefined = undefined,
  Body extends z.ZodType | undefined = undefined,
>(spec: RouteSpec<Deps, Params, Query, Body>): ApiRoute<Deps> {
  // The one widening of the handler's input: createGroupHandler gives it exactly what parseRequest
  // validated with this route's schemas, the ones its types are inferred from.
  return { ...spec, routeKey: `${spec.method} ${spec.path}` } as ApiRoute<Deps>;
}
