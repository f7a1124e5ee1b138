import { createHash } from "node:crypto";
import { ModelUnsupportedParameterError, ProviderRejectedError } from "../modelErrors.ts";
import type { ModelRequest, ModelTool, ModelToolCall } from "../modelTypes.ts";
import { exampleFromSchema } from "./exampleFromSchema.ts";

/** Anywhere in the last user message: call every offered tool (one per offered tool, in order). */
export const echoCallAllDirective = "[[silo:call-all]]";

/** Anywhere in the last user message, once per call: `[[silo:call:<toolName>]]`. */
const callDirective = /\[\[silo:call:([^\]\s]*)\]\]/g;

/** What string arguments hold when the user message is nothing but directives. */
export const echoDefaultArgumentText = "echo";

/**
 * The tool calls the echo provider answers with, or none. Calls only when tools are offered and
 * `toolChoice` is not `none`, and then: a named `toolChoice` calls that tool; otherwise each
 * `[[silo:call:<name>]]` in the last user message calls that tool, `[[silo:call-all]]` calls every offered
 * tool, and `required` without a directive calls the first tool. `parallelToolCalls: false` keeps only the
 * first call. Arguments are {@link exampleFromSchema} of the tool's parameters, strings filled with the user
 * text without the directives; ids are `call_` and a hash of the request id and the call's index.
 *
 * @throws ProviderRejectedError when a directive or `toolChoice` names a tool that is not offered.
 * @throws ModelUnsupportedParameterError when no arguments can satisfy a tool's parameters schema.
 *
 * @example
 * echoToolCalls({ ...request, tools: [weather] }, "Paris [[silo:call:get_weather]]");
 * // [{ id: "call_…", name: "get_weather", arguments: '{"city":"Paris"}' }]
 */
export function echoToolCalls(request: ModelRequest, userText: string): ModelToolCall[] {
  const tools = request.tools ?? [];
  const choice = request.toolChoice ?? "auto";
  if (tools.length === 0 || choice === "none") return [];
  const offered = (name: string, source: string): ModelTool => {
    const tool = tools.find((candidate) => candidate.name === name);
    if (tool !== undefined) return tool;
    throw new ProviderRejectedError({
      provider: "echo",
      modelKey: request.modelKey,
      detail: `${source} names the tool ${JSON.stringify(name)}, which the request does not offer; offered: ${tools.map((t) => t.name).join(", ")}`,
    });
  };

  let chosen: ModelTool[];
  if (typeof choice === "object") {
    chosen = [offered(choice.name, "tool_choice")];
  } else if (userText.includes(echoCallAllDirective)) {
    chosen = [...tools];
  } else {
    chosen = [...userText.matchAll(callDirective)].map((match) => offered(match[1] ?? "", match[0]));
    if (chosen.length === 0 && choice === "required") chosen = tools.slice(0, 1);
  }
  if (request.parallelToolCalls === false) chosen = chosen.slice(0, 1);

  const argumentText =
    userText.replaceAll(callDirective, "").replaceAll(echoCallAllDirective, "").trim() ||
    echoDefaultArgumentText;
  return chosen.map((tool, index) => ({
    id: echoToolCallId(request.requestId, index),
    name: tool.name,
    arguments: JSON.stringify(toolArguments(tool, tools.indexOf(tool), argumentText, request.modelKey)),
  }));
}

/** A deterministic, OpenAI-shaped call id: unique per request and call, stable across runs. */
export function echoToolCallId(requestId: string, index: number): string {
  return `call_${createHash("sha256").update(`${requestId}:${index}`).digest("hex").slice(0, 24)}`;
}

function toolArguments(tool: ModelTool, toolIndex: number, text: string, modelKey: string): unknown {
  // OpenAI treats parameters without a type as an object schema (e.g. `{}` for a tool without arguments).
  const example = exampleFromSchema({ type: "object", ...tool.parameters }, text);
  if (example.ok) return example.value;
  throw new ModelUnsupportedParameterError({
    provider: "echo",
    modelKey,
    param: `tools[${toolIndex}].function.parameters`,
    problem: `the echo provider cannot build arguments for tool "${tool.name}" at "${example.path || "/"}" (${example.problem})`,
    fix: "simplify that part of the schema, or test this tool against a cloud model",
  });
}
