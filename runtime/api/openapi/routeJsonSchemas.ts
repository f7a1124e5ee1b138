import * as z from "zod";
import type { RouteContract } from "../defineRoute.ts";
import type { JsonSchema } from "./openApiTypes.ts";

/** The JSON Schemas of one route's parts; a part whose zod schema has a meta `id` is a `$ref`. */
export interface RouteJsonSchemas {
  readonly pathParams?: JsonSchema;
  readonly query?: JsonSchema;
  readonly body?: JsonSchema;
  readonly response?: JsonSchema;
  /** One server-sent event's data, for routes that also stream. */
  readonly streamChunk?: JsonSchema;
}

/** Every route's JSON Schemas, and the named schemas they refer to (for `components.schemas`). */
export interface ConvertedRouteSchemas {
  readonly components: Record<string, JsonSchema>;
  readonly byOperationId: ReadonlyMap<string, RouteJsonSchemas>;
}

type Part = keyof RouteJsonSchemas;

const componentsPrefix = "#/components/schemas/";

// Not a valid operationId, so it cannot collide with a route.
const sharedKey = "(shared)";

/**
 * Converts the route table's zod schemas with zod's own `z.toJSONSchema` (draft 2020-12). Requests are
 * converted as input (a `limit` with a default is optional to send) and responses as output (it is always
 * there). All requests go through one conversion and all responses through another, so a schema with a meta
 * `id` becomes one entry of `components.schemas`, however many routes use it. `sharedSchemas` (with meta
 * ids) are added to the components even when no route names them, e.g. the error body.
 */
export function convertRouteSchemas(
  routeTable: readonly RouteContract[],
  sharedSchemas: readonly z.ZodType[] = [],
): ConvertedRouteSchemas {
  const requests = convert(routeTable, "input", ["pathParams", "query", "body"], []);
  const responses = convert(routeTable, "output", ["response", "streamChunk"], sharedSchemas);
  const byOperationId = new Map<string, RouteJsonSchemas>();
  for (const route of routeTable) {
    byOperationId.set(route.operationId, {
      ...requests.parts.get(route.operationId),
      ...responses.parts.get(route.operationId),
    });
  }
  return { components: mergeComponents(requests.defs, responses.defs), byOperationId };
}

function zodPart(route: RouteContract, part: Part): z.ZodType | undefined {
  if (part === "response") return route.response.schema;
  if (part === "streamChunk")
    return route.response.schema === undefined ? undefined : route.response.streamChunk;
  return route[part];
}

function convert(
  routeTable: readonly RouteContract[],
  io: "input" | "output",
  parts: readonly Part[],
  sharedSchemas: readonly z.ZodType[],
) {
  const shape: Record<string, z.ZodType> = {};
  sharedSchemas.forEach((schema, index) => {
    shape[`${sharedKey}.${index}`] = schema;
  });
  for (const route of routeTable) {
    for (const part of parts) {
      const schema = zodPart(route, part);
      if (schema !== undefined) shape[`${route.operationId}.${part}`] = schema;
    }
  }
  // One root object holding every schema lets zod extract each `id` once, as `$defs` of the root.
  const root = rewriteRefs(z.toJSONSchema(z.strictObject(shape), { target: "draft-2020-12", io })) as {
    properties: Record<string, JsonSchema>;
    $defs?: Record<string, JsonSchema>;
  };
  const result = new Map<string, Partial<Record<Part, JsonSchema>>>();
  for (const [key, schema] of Object.entries(root.properties)) {
    const [operationId, part] = key.split(".") as [string, Part];
    if (operationId === sharedKey) continue;
    result.set(operationId, { ...result.get(operationId), [part]: schema });
  }
  return { parts: result, defs: root.$defs ?? {} };
}

/** Points zod's `#/$defs/X` references at `#/components/schemas/X`, everywhere in `value`. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (typeof value !== "object" || value === null) return value;
  const result: JsonSchema = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === "$schema") continue;
    result[key] =
      key === "$ref" && typeof child === "string" && child.startsWith("#/$defs/")
        ? `${componentsPrefix}${child.slice("#/$defs/".length)}`
        : rewriteRefs(child);
  }
  return result;
}

function mergeComponents(
  requestDefs: Record<string, JsonSchema>,
  responseDefs: Record<string, JsonSchema>,
): Record<string, JsonSchema> {
  const merged: Record<string, JsonSchema> = { ...requestDefs };
  for (const [id, schema] of Object.entries(responseDefs)) {
    const requestForm = merged[id];
    if (requestForm !== undefined && JSON.stringify(requestForm) !== JSON.stringify(schema)) {
      // A default or transform makes the two forms differ; one component name cannot describe both.
      throw new Error(
        `schema "${id}" differs between requests and responses; give the request and response forms their own meta id`,
      );
    }
    merged[id] = schema;
  }
  return Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)));
}
