import { Buffer } from "node:buffer";
import { countTokens } from "../countTokens.ts";
import { ModelUnsupportedParameterError } from "../modelErrors.ts";
import type { ModelRequest, ModelResponse } from "../modelTypes.ts";
import { echoInputTokens } from "./echoInputTokens.ts";
import { echoToolCalls } from "./echoToolCalls.ts";
import { echoToolResults } from "./echoToolResults.ts";
import { echoUserContent } from "./echoUserContent.ts";
import { exampleFromSchema } from "./exampleFromSchema.ts";

/** What the echo provider puts before the echoed text to form its reply. */
export const echoReplyPrefix = "echo: ";

/** The part of an echo answer that does not depend on the clock: what both `complete` and `stream` return. */
export type EchoAnswer = Pick<ModelResponse, "content" | "toolCalls" | "finishReason" | "usage">;

/**
 * The echo provider's answer to a request, without faults or timing (see `echoDirective.ts`):
 *
 * 1. Tool calls, when {@link echoToolCalls} makes any: content `""`, finish reason `tool_calls`.
 * 2. Otherwise the reply text: {@link echoReplyPrefix} and either the tool results the conversation ends
 *    with ({@link echoToolResults}) or the last user message ({@link echoUserContent}'s `rendered`).
 * 3. Shaped by `responseFormat`: `json_object` gives `{"echo":"<reply>"}`, `json_schema` the
 *    {@link exampleFromSchema} of the schema with strings set to the reply.
 * 4. Cut before the first `stop` sequence it contains (finish reason `stop`), then to `maxTokens` tokens on a
 *    character boundary (finish reason `length`); tool calls are cut to `maxTokens` too (a call's arguments
 *    mid-way, later calls dropped, finish reason `length`), as a model out of tokens leaves them.
 *
 * Usage: {@link echoInputTokens} as input; {@link countTokens} of the content, or of the tool calls' names
 * and arguments, as output; no cache tokens.
 *
 * @throws ModelUnsupportedParameterError when no JSON value satisfies the `json_schema` (or a tool's
 * parameters) within what the echo provider can build.
 *
 * @example
 * echoAnswer({ ...request, messages: [{ role: "user", content: "hi" }] });
 * // { content: "echo: hi", toolCalls: [], finishReason: "stop", usage: { inputTokens: 1, outputTokens: 2, … } }
 */
export function echoAnswer(request: ModelRequest): EchoAnswer {
  const lastUser = request.messages.findLast((message) => message.role === "user");
  const user = echoUserContent(lastUser?.content ?? "");
  const toolResults = echoToolResults(request.messages, request.modelKey);
  const toolCalls = toolResults === undefined ? echoToolCalls(request, user.text) : [];
  const inputTokens = echoInputTokens(request);
  if (toolCalls.length > 0) {
    const cutCalls = cutToolCalls(toolCalls, request.maxTokens);
    const outputTokens = countTokens(cutCalls.toolCalls.map((call) => call.name + call.arguments).join(""));
    return { content: "", ...cutCalls, usage: usage(inputTokens, outputTokens) };
  }
  const reply = `${echoReplyPrefix}${toolResults ?? user.rendered}`;
  const { content, finishReason } = cut(shape(reply, request), request);
  return { content, toolCalls: [], finishReason, usage: usage(inputTokens, countTokens(content)) };
}

function usage(inputTokens: number, outputTokens: number): EchoAnswer["usage"] {
  return { inputTokens, outputTokens, cacheReadTokens: 0, cacheWriteTokens: 0 };
}

function shape(reply: string, request: ModelRequest): string {
  const format = request.responseFormat;
  if (format?.type === "json_object") return JSON.stringify({ echo: reply });
  if (format?.type !== "json_schema") return reply;
  const example = exampleFromSchema(format.schema, reply);
  if (example.ok) return JSON.stringify(example.value);
  throw new ModelUnsupportedParameterError({
    provider: "echo",
    modelKey: request.modelKey,
    param: "response_format.json_schema.schema",
    problem: `the echo provider cannot build a value of schema "${format.name}" at "${example.path || "/"}" (${example.problem})`,
    fix: "simplify that part of the schema, or test this schema against a cloud model",
  });
}

function cut(full: string, request: ModelRequest): Pick<EchoAnswer, "content" | "finishReason"> {
  let content = full;
  for (const stop of request.stop ?? []) {
    const index = stop === "" ? -1 : content.indexOf(stop);
    if (index >= 0) content = content.slice(0, index);
  }
  const truncated = truncateToBytes(content, Math.max(0, request.maxTokens) * 4);
  return { content: truncated, finishReason: truncated.length < content.length ? "length" : "stop" };
}

/**
 * Tool calls cut to `maxTokens` tokens (4 bytes each, names and arguments together), as a model that runs
 * out of tokens mid-call: the call that does not fit keeps the start of its arguments (no longer valid
 * JSON), later calls are dropped, and the finish reason is `length`.
 */
function cutToolCalls(
  calls: EchoAnswer["toolCalls"],
  maxTokens: number,
): Pick<EchoAnswer, "toolCalls" | "finishReason"> {
  let room = Math.max(0, maxTokens) * 4;
  const kept: EchoAnswer["toolCalls"][number][] = [];
  for (const call of calls) {
    const size = Buffer.byteLength(call.name + call.arguments, "utf8");
    if (size <= room) {
      kept.push(call);
      room -= size;
      continue;
    }
    const nameBytes = Buffer.byteLength(call.name, "utf8");
    if (room > nameBytes)
      kept.push({ ...call, arguments: truncateToBytes(call.arguments, room - nameBytes) });
    return { toolCalls: kept, finishReason: "length" };
  }
  return { toolCalls: kept, finishReason: "tool_calls" };
}

/** The longest prefix of `text` of at most `maxBytes` UTF-8 bytes that does not split a character. */
function truncateToBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, "utf8") <= maxBytes) return text;
  let bytes = 0;
  let end = 0;
  for (const character of text) {
    bytes += Buffer.byteLength(character, "utf8");
    if (bytes > maxBytes) break;
    end += character.length;
  }
  return text.slice(0, end);
}
