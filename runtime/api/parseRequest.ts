import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type * as z from "zod";
import { type FieldProblem, RequestValidationError } from "../core/errors/requestValidationError.ts";
import { MalformedBodyError, PayloadTooLargeError } from "./apiErrors.ts";
import type { RouteContract } from "./defineRoute.ts";
import { fieldProblemsOf } from "./fieldProblemsOf.ts";
import { jsonDepth } from "./jsonDepth.ts";

/** Bytes a request body may have; checked before the body is decoded or parsed. */
export const maxBodyBytes = 4 * 1024 * 1024;

/** A request after validation against its route's schemas. */
export interface ParsedRequest {
  readonly params: Record<string, unknown>;
  readonly query: Record<string, unknown>;
  readonly body: unknown;
}

/**
 * Validates an API Gateway (payload 2.0) event against its route's path, query and body schemas, reporting
 * every invalid field at once as `path.<name>`, `query.<name>` or `body.<path>`. The body is size-checked
 * before it is decoded, and must be JSON.
 *
 * @example
 * const { params, body } = parseRequest(event, route);
 */
export function parseRequest(event: APIGatewayProxyEventV2, route: RouteContract): ParsedRequest {
  const fields: FieldProblem[] = [];
  const params = validate(route.pathParams, event.pathParameters ?? {}, "path", fields);
  const query = validate(route.query, event.queryStringParameters ?? {}, "query", fields);
  const body =
    route.body === undefined ? undefined : validate(route.body, readJsonBody(event), "body", fields);
  if (fields.length > 0) throw new RequestValidationError(fields);
  return {
    params: (params ?? {}) as Record<string, unknown>,
    query: (query ?? {}) as Record<string, unknown>,
    body,
  };
}

/**
 * Levels of objects and arrays a JSON body may nest: far beyond any real request (a tool's JSON Schema
 * nested 20 levels sits about 30 deep), far below what recursive code can walk without overflowing.
 */
export const maxBodyDepth = 64;

function readJsonBody(event: APIGatewayProxyEventV2): unknown {
  const raw = event.body ?? "";
  const bytes = event.isBase64Encoded ? Math.floor((raw.length * 3) / 4) : Buffer.byteLength(raw, "utf8");
  if (bytes > maxBodyBytes) throw new PayloadTooLargeError(bytes, maxBodyBytes);
  const text = event.isBase64Encoded ? Buffer.from(raw, "base64").toString("utf8") : raw;
  if (text.trim() === "") throw new MalformedBodyError("the request needs a JSON body; send {} for none");
  const contentType = event.headers?.["content-type"] ?? "";
  if (contentType !== "" && !/^application\/([a-z0-9.+-]*\+)?json\b/i.test(contentType)) {
    throw new MalformedBodyError(
      `the body must be sent as application/json, not ${contentType.slice(0, 80)}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new MalformedBodyError(`the body is not valid JSON: ${(error as Error).message.slice(0, 200)}`);
  }
  if (jsonDepth(parsed, maxBodyDepth) > maxBodyDepth) {
    throw new MalformedBodyError(
      `the body nests more than ${maxBodyDepth} levels of objects and arrays; flatten it (a tool's parameters or a response_format schema this deep is not one a model can follow)`,
    );
  }
  return parsed;
}

function validate(
  schema: z.ZodType | undefined,
  input: unknown,
  where: string,
  fields: FieldProblem[],
): unknown {
  if (schema === undefined) return input;
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  fields.push(...fieldProblemsOf(result.error.issues, where));
  return undefined;
}
