import type * as z from "zod";
import { ProviderBadResponseError, type ProviderErrorContext } from "../modelErrors.ts";
import type { ModelUsage } from "../modelTypes.ts";

/**
 * Parses an upstream JSON text against the schema of what it should be, or throws `MODEL_BAD_RESPONSE`
 * naming the first field that is wrong (`not a chat completion: usage.prompt_tokens: ...`), carrying the
 * usage `billedUsageOf` reads in the unusable body, which the server bills.
 *
 * @example
 * const body = parseWireJson(text, chatCompletionBody, "a chat completion", context);
 */
export function parseWireJson<Schema extends z.ZodType>(
  text: string,
  schema: Schema,
  what: string,
  context: ProviderErrorContext,
  billedUsageOf: (json: unknown) => ModelUsage | undefined = () => undefined,
): z.infer<Schema> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ProviderBadResponseError({ ...context, problem: `the body is not JSON`, cause: error });
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.join(".") || "body";
  throw new ProviderBadResponseError({
    ...context,
    problem: `not ${what}: ${path}: ${issue?.message ?? "invalid"}`,
    billedUsage: billedUsageOf(json),
    cause: parsed.error,
  });
}
