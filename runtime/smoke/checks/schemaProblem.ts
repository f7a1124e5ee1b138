import type * as z from "zod";

/**
 * Why `body` does not match `schema` (the first issue, located), or undefined when it does. The checks use
 * the API's own response schemas, so "well-formed" means what the API reference says.
 *
 * @example
 * schemaProblem(budgetSchema, response.body); // "limitUsd: must be a decimal string ..." or undefined
 */
export function schemaProblem(schema: z.ZodType, body: unknown): string | undefined {
  const result = schema.safeParse(body);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? issue.path.join(".") : "body";
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more)` : "";
  return `${where}: ${issue?.message ?? "does not match"}${more}`;
}
