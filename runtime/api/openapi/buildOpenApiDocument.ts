import * as z from "zod";
import packageJson from "../../../package.json" with { type: "json" };
import { apiRoutes } from "../apiRoutes.ts";
import type { RouteContract } from "../defineRoute.ts";
import { idempotencyKey } from "../schemas/common.ts";
import type { FileResponse } from "../schemas/fileResponse.ts";
import { gatewayErrorSchema, problemSchema } from "../schemas/problem.ts";
import {
  type ErrorStatus,
  errorResponseDefinitions,
  errorResponseObject,
  errorStatusesFor,
} from "./errorResponses.ts";
import type {
  JsonSchema,
  OpenApiDocument,
  OperationObject,
  ParameterObject,
  PathItemObject,
  ReferenceObject,
  ResponseObject,
} from "./openApiTypes.ts";
import { convertRouteSchemas, type RouteJsonSchemas } from "./routeJsonSchemas.ts";
import { tagFor, tagsByResource } from "./tags.ts";

/** Name of the bearer-token security scheme every authenticated operation requires. */
export const securitySchemeName = "siloJwt";

const successDescriptions: Readonly<Record<RouteContract["response"]["status"], string>> = {
  200: "OK",
  201: "Created",
  202: "Accepted: the job is queued; poll it until status is succeeded or failed",
  204: "Done; no content",
};

/**
 * The OpenAPI 3.1 document of the tenant API, built from the route table and its schemas alone: paths and operations from
 * the routes, JSON Schemas from their zod schemas (named ones under `components.schemas`), the bearer-token
 * scheme with each route's scope, and the shared problem+json error responses. Pure: the same table gives
 * the same document.
 *
 * @example
 * const document = buildOpenApiDocument();
 * document.paths["/v1/models"]?.get?.operationId; // "listModels"
 */
export function buildOpenApiDocument(routeTable: readonly RouteContract[] = apiRoutes): OpenApiDocument {
  const converted = convertRouteSchemas(routeTable, [problemSchema, gatewayErrorSchema]);
  const paths: Record<string, PathItemObject> = {};
  const usedErrors = new Set<ErrorStatus>();
  for (const route of routeTable) {
    const schemas = converted.byOperationId.get(route.operationId) ?? {};
    for (const status of errorStatusesFor(route)) usedErrors.add(status);
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operationFor(route, schemas) };
  }
  const usedTags = new Set(routeTable.map((route) => tagFor(route.path).name));
  return {
    openapi: "3.1.0",
    info: {
      title: "silo-kit tenant API",
      version: packageJson.version,
      description:
        "The API of one tenant's silo. Every request carries a bearer JWT whose tenant_id is the tenant in the URL and whose scopes include the operation's. Errors are problem+json (RFC 9457) with a stable code. Generated from the route definitions (runtime/api/routes/) by `silo openapi`.",
      license: { name: "Apache-2.0", identifier: "Apache-2.0" },
    },
    servers: [
      {
        url: "https://{apiDomain}/{tenantId}",
        description: "A tenant's silo, mapped on the platform's API domain",
        variables: {
          apiDomain: { default: "api.silo.invalid", description: "The platform's API domain" },
          tenantId: {
            default: "acme-health",
            description: "The tenant id; must equal the token's tenant_id",
          },
        },
      },
    ],
    tags: Object.values(tagsByResource).filter((tag) => usedTags.has(tag.name)),
    paths,
    components: {
      schemas: converted.components,
      responses: Object.fromEntries(
        [...usedErrors]
          .sort((a, b) => a - b)
          .map((status) => [errorResponseDefinitions[status].name, errorResponseObject(status)]),
      ),
      parameters: {
        IdempotencyKey: {
          name: "Idempotency-Key",
          in: "header",
          required: false,
          description:
            "Makes the POST safe to retry: a repeat with the same key and body within 24 hours returns the first response instead of acting twice",
          schema: withoutDialect(z.toJSONSchema(idempotencyKey, { target: "draft-2020-12" })),
        },
      },
      securitySchemes: {
        [securitySchemeName]: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description:
            "An RS256 JWT from the platform's identity provider, with tenant_id (the tenant in the URL) and the scopes the operation lists",
        },
      },
    },
  };
}

function operationFor(route: RouteContract, schemas: RouteJsonSchemas): OperationObject {
  const parameters: Array<ParameterObject | ReferenceObject> = [
    ...parametersOf(route, schemas.pathParams, "path"),
    ...parametersOf(route, schemas.query, "query"),
    ...(route.idempotent ? [{ $ref: "#/components/parameters/IdempotencyKey" }] : []),
  ];
  const body: ResponseObject =
    route.response.file === undefined
      ? {
          description: successDescriptions[route.response.status],
          ...(schemas.response === undefined
            ? {}
            : {
                content: {
                  "application/json": { schema: schemas.response },
                  ...(schemas.streamChunk === undefined
                    ? {}
                    : {
                        "text/event-stream": {
                          schema: {
                            type: "string",
                            description:
                              'With `stream: true`: server-sent events, each `data:` line one JSON chunk (contentSchema), then `data: [DONE]`. An error after the first event is one `data: {"error": {...}}` line in OpenAI\'s error shape, and no `[DONE]`.',
                            contentMediaType: "application/json",
                            contentSchema: schemas.streamChunk,
                          },
                        },
                      }),
                },
              }),
        }
      : fileResponseObject(route.response.file);
  const success: ResponseObject = {
    ...body,
    headers: {
      "x-request-id": {
        description: "The request's id: in the logs, problem bodies and the usage ledger",
        schema: { type: "string" },
      },
      ...body.headers,
    },
  };
  const errors = errorStatusesFor(route).map((status) => [
    String(status),
    { $ref: `#/components/responses/${errorResponseDefinitions[status].name}` },
  ]);
  return {
    operationId: route.operationId,
    summary: route.summary,
    description:
      route.scope === null
        ? "No token needed."
        : `Requires scope \`${route.scope}\`.${route.idempotent ? " Honours Idempotency-Key." : ""}`,
    tags: [tagFor(route.path).name],
    security: route.scope === null ? [] : [{ [securitySchemeName]: [route.scope] }],
    ...(parameters.length === 0 ? {} : { parameters }),
    ...(schemas.body === undefined
      ? {}
      : { requestBody: { required: true, content: { "application/json": { schema: schemas.body } } } }),
    responses: {
      [String(route.response.status)]: success,
      ...(route.response.file?.redirect === undefined
        ? {}
        : { "303": redirectResponseObject(route.response.file.redirect) }),
      ...Object.fromEntries(errors),
    },
  };
}

/** A success that is a file: its media type as a string of bytes, and the headers the route sets. */
function fileResponseObject(file: FileResponse): ResponseObject {
  return {
    description: file.description,
    headers: Object.fromEntries(
      Object.entries(file.headers).map(([name, description]) => [
        name,
        { description, schema: { type: "string" } },
      ]),
    ),
    content: { [file.mediaType]: { schema: { type: "string" } } },
  };
}

/** A redirect to where the file is: its `Location`, and a JSON body carrying the same link. */
function redirectResponseObject(description: string): ResponseObject {
  return {
    description,
    headers: { Location: { description: "The direct link to the file", schema: { type: "string" } } },
    content: {
      "application/json": {
        schema: {
          type: "object",
          required: ["url", "expiresAt"],
          properties: { url: { type: "string" }, expiresAt: { type: "string", format: "date-time" } },
        },
      },
    },
  };
}

/** One parameter per property of a path or query object schema; descriptions move to the parameter. */
function parametersOf(
  route: RouteContract,
  schema: JsonSchema | undefined,
  location: "path" | "query",
): ParameterObject[] {
  if (schema === undefined) return [];
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (properties === undefined) {
    throw new Error(
      `${route.operationId}: ${location} parameters must be an inline z.strictObject without a meta id`,
    );
  }
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, { description, ...property }]) => ({
    name,
    in: location,
    required: location === "path" || required.has(name),
    ...(typeof description === "string" ? { description } : {}),
    schema: property,
  }));
}

function withoutDialect({ $schema: _dialect, ...schema }: JsonSchema): JsonSchema {
  return schema;
}
