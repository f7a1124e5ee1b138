import * as z from "zod";

/** The media type of every error response (RFC 9457). */
export const problemMediaType = "application/problem+json";

/** One reason a request was refused, located by the field it concerns. */
export const problemFieldSchema = z
  .strictObject({
    path: z
      .string()
      .max(512)
      .describe('Where in the request, e.g. "body.messages[0].content" or "query.limit"'),
    message: z.string().max(1000).describe("What is wrong with the value and how to fix it"),
  })
  .meta({ id: "ProblemField" });

/**
 * OpenAI's error object. OpenAI clients read only `error.message` from an error body, so the problems of the
 * OpenAI-compatible routes carry the same error in this shape too.
 */
export const openAiErrorSchema = z
  .strictObject({
    message: z.string().max(4000),
    type: z.string().max(64).describe('e.g. "invalid_request_error"'),
    param: z.string().max(256).nullable().describe('The offending field, e.g. "stream"'),
    code: z.string().max(64).nullable(),
  })
  .meta({ id: "OpenAiError" });

/**
 * The body of every error response: Problem Details for HTTP APIs (RFC 9457), plus a stable `code` that
 * clients branch on (the human-readable fields may change wording; the code does not).
 */
export const problemSchema = z
  .strictObject({
    type: z
      .string()
      .max(2048)
      .meta({ format: "uri-reference" })
      .describe('Identifies the problem type; "about:blank" when the status says it all'),
    title: z.string().max(200).describe("Short summary of the problem type, the same for every occurrence"),
    status: z.int().min(400).max(599).describe("The HTTP status code, repeated for convenience"),
    detail: z
      .string()
      .max(4000)
      .optional()
      .describe("This occurrence: names the thing, the value and the fix"),
    instance: z.string().max(2048).optional().describe("Identifies this occurrence, e.g. the request path"),
    code: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{1,63}$/)
      .describe('Stable machine-readable code, e.g. "VALIDATION_FAILED" or "BUDGET_EXCEEDED"'),
    requestId: z.string().max(128).optional().describe("The request id to quote when reporting the problem"),
    errors: z
      .array(problemFieldSchema)
      .max(100)
      .optional()
      .describe("Every invalid field, when the request did not match its schema"),
    error: openAiErrorSchema
      .optional()
      .describe(
        "The same error for OpenAI clients; on the OpenAI-compatible routes (models, chat completions)",
      ),
  })
  .meta({ id: "Problem", description: "An error, as Problem Details (RFC 9457) with a stable code" });

/** An error response body. */
export type Problem = z.output<typeof problemSchema>;

/**
 * The body API Gateway itself sends when it refuses a request before the silo sees it (no token, denied by
 * the authorizer, throttled, too large). HTTP APIs cannot reshape these responses, so they are plain JSON,
 * not problem+json.
 */
export const gatewayErrorSchema = z
  .strictObject({
    message: z.string().max(200).describe('e.g. "Unauthorized", "Forbidden", "Too Many Requests"'),
  })
  .meta({ id: "GatewayError", description: "An error API Gateway sent before the request reached the silo" });
