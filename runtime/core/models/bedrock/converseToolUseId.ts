import { createHash } from "node:crypto";

/**
 * Converse's pattern for a `toolUseId`, 1 to 64 characters
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolUseBlock.html).
 */
const toolUseIdPattern = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * The id Converse is sent for a tool call of the history, and for the `tool` message that answers it. Ids
 * Bedrock issued pass unchanged; an id from another provider that Converse would refuse (`functions.get:0`,
 * longer than 64 characters, empty) becomes a stable one that it accepts: the same for the call and its
 * result, distinct for distinct ids.
 *
 * @example
 * converseToolUseId("tooluse_kZJMlvQmRJ6eAyJE5GIl7Q"); // unchanged
 * converseToolUseId("functions.get_weather:0"); // "functions_get_weather_0_" + 8 hex digits
 */
export function converseToolUseId(id: string): string {
  if (toolUseIdPattern.test(id)) return id;
  const hash = createHash("sha256").update(id).digest("hex").slice(0, 8);
  return `${id.replace(/[^a-zA-Z0-9_-]/g, "_").slice(0, 55)}_${hash}`;
}
