import type { Tool, ToolConfiguration, ToolUseBlock } from "@aws-sdk/client-bedrock-runtime";
import { ModelUnsupportedParameterError } from "../modelErrors.ts";
import type { ModelRequest, ModelTool } from "../modelTypes.ts";
import { type BedrockCapabilities, unknownBedrockModelCapabilities } from "./bedrockCapabilities.ts";

/**
 * The synthetic tool that carries a JSON answer: Converse has no JSON mode, so `response_format` is honoured
 * by forcing the model to call this tool with the schema as its input schema, and the tool's input becomes
 * the answer's content.
 */
export const jsonResponseToolName = "json_response";

/** A JSON value as the SDK types it (`toolUse.input`, `inputSchema.json`). */
export type ToolUseInput = NonNullable<ToolUseBlock["input"]>;

type Context = { readonly provider: "bedrock"; readonly modelKey: string };

/** Refuses `param` to a model without tool calling. */
export function requireToolCalling(
  capabilities: BedrockCapabilities,
  context: Context,
  request: ModelRequest,
  param: string,
): void {
  if (capabilities.tools) return;
  throw new ModelUnsupportedParameterError({
    ...context,
    param,
    problem: `${request.providerModelId} does not support tool calling`,
    fix: "leave out tools and tool messages, or pick a model with tool calling (GET /v1/models)",
  });
}

function requireForcedChoice(
  capabilities: BedrockCapabilities,
  context: Context,
  request: ModelRequest,
  param: string,
  what: string,
): void {
  if (capabilities.forcedToolChoice) return;
  throw new ModelUnsupportedParameterError({
    ...context,
    param,
    problem: `${what} needs a forced tool choice, which Bedrock offers only for some models and not for ${request.providerModelId}`,
    fix: `leave out ${param}, or pick a model such as Anthropic Claude or Amazon Nova (GET /v1/models)`,
  });
}

/**
 * Refuses a named `tool_choice` to a model that Bedrock cannot force to call one named tool: Converse's
 * `toolChoice.tool` is "only supported by Anthropic Claude 3 and Amazon Nova models"
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolChoice.html).
 */
function requireSpecificChoice(
  capabilities: BedrockCapabilities,
  context: Context,
  request: ModelRequest,
): void {
  if (capabilities.specificToolChoice) return;
  throw new ModelUnsupportedParameterError({
    ...context,
    param: "tool_choice",
    problem: `a named tool_choice needs Converse's specific tool choice, which Bedrock offers for Anthropic Claude and Amazon Nova models and not for ${request.providerModelId}`,
    fix: 'send tool_choice "required" with only that tool in tools, which forces it as well, or pick a Claude or Nova model',
  });
}

/** The schema the answer must match, or undefined for plain text. */
function jsonSchemaOf(request: ModelRequest): Readonly<Record<string, unknown>> | undefined {
  const format = request.responseFormat;
  if (format === undefined || format.type === "text") return undefined;
  return format.type === "json_object" ? { type: "object" } : format.schema;
}

/**
 * A caller's tool as a Converse `toolSpec`. Converse refuses an empty `description` (its minimum length is 1),
 * which OpenAI accepts, so it is left out; a `parameters` without `type` is given `"type": "object"`, which
 * Converse's models require of an input schema and OpenAI implies.
 */
function toolSpec(tool: ModelTool): Tool {
  const schema =
    tool.parameters.type === undefined ? { type: "object", ...tool.parameters } : tool.parameters;
  return {
    toolSpec: {
      name: tool.name,
      ...(tool.description === undefined || tool.description === "" ? {} : { description: tool.description }),
      inputSchema: { json: schema as ToolUseInput },
    },
  };
}

/**
 * The `toolConfig` of a Converse call: the caller's tools and tool choice, the synthetic JSON tool when
 * `response_format` asks for JSON, or the tools the history's calls name when Converse needs a toolConfig
 * for them. Refuses what the model cannot do. `jsonToolName` is set when the answer is the JSON tool's input.
 */
export function converseToolConfig(
  request: ModelRequest,
  capabilities: BedrockCapabilities,
  historyToolNames: ReadonlySet<string>,
): { toolConfig: ToolConfiguration | undefined; jsonToolName: string | undefined } {
  const context: Context = { provider: "bedrock", modelKey: request.modelKey };
  const jsonSchema = jsonSchemaOf(request);
  const toolConfig = toolConfigFor(request, capabilities, context, jsonSchema, historyToolNames);
  return { toolConfig, jsonToolName: jsonSchema === undefined ? undefined : jsonResponseToolName };
}

function toolConfigFor(
  request: ModelRequest,
  capabilities: BedrockCapabilities,
  context: Context,
  jsonSchema: Readonly<Record<string, unknown>> | undefined,
  historyToolNames: ReadonlySet<string>,
): ToolConfiguration | undefined {
  const userTools = request.tools ?? [];
  const choice = request.toolChoice ?? "auto";
  if (userTools.length > 0) requireToolCalling(capabilities, context, request, "tools");
  if (userTools.length > 0 && choice === "required")
    requireForcedChoice(capabilities, context, request, "tool_choice", 'tool_choice "required"');
  if (userTools.length > 0 && typeof choice === "object") {
    requireForcedChoice(capabilities, context, request, "tool_choice", "a named tool_choice");
    requireSpecificChoice(capabilities, context, request);
  }
  // tool_choice "none": the tools are not offered, unless the history forces a toolConfig (below).
  const offered = choice === "none" ? [] : userTools.map(toolSpec);

  if (jsonSchema !== undefined) {
    requireToolCalling(capabilities, context, request, "response_format");
    requireForcedChoice(capabilities, context, request, "response_format", "JSON output");
    if (jsonSchema.type !== undefined && jsonSchema.type !== "object") {
      throw new ModelUnsupportedParameterError({
        ...context,
        param: "response_format.json_schema.schema",
        problem: `a schema of type ${JSON.stringify(jsonSchema.type)} cannot be a tool's input, which is how Bedrock answers in JSON: it must be an object`,
        fix: 'wrap the value in an object schema, e.g. {"type": "object", "properties": {"items": <your schema>}, "required": ["items"]}',
      });
    }
    const clash = userTools.findIndex((tool) => tool.name === jsonResponseToolName);
    if (clash >= 0) {
      throw new ModelUnsupportedParameterError({
        ...context,
        param: `tools[${clash}].function.name`,
        problem: `"${jsonResponseToolName}" is the name of the tool that carries JSON answers on Bedrock`,
        fix: "rename the tool",
      });
    }
    const format = request.responseFormat;
    const description =
      format?.type === "json_schema"
        ? `Give the final answer "${format.name}" as this tool's input.${format.description === undefined ? "" : ` ${format.description}`}`
        : "Give the final answer as this tool's input, a JSON object.";
    const jsonTool: Tool = {
      toolSpec: {
        name: jsonResponseToolName,
        description,
        inputSchema: { json: jsonSchema as ToolUseInput },
      },
    };
    // With the caller's tools offered too, the model must call one of them or answer through the JSON tool.
    // Offered alone, the JSON tool is forced by `any` as surely as by naming it, which not every model takes.
    const toolChoice =
      offered.length === 0
        ? capabilities.specificToolChoice
          ? { tool: { name: jsonResponseToolName } }
          : { any: {} }
        : typeof choice === "object"
          ? { tool: { name: choice.name } }
          : { any: {} };
    return { tools: [...offered, jsonTool], toolChoice };
  }

  if (offered.length > 0) {
    if (choice === "required") return { tools: offered, toolChoice: { any: {} } };
    if (typeof choice === "object") return { tools: offered, toolChoice: { tool: { name: choice.name } } };
    // `auto` is Converse's default; models without forced choice refuse even an explicit {auto: {}}, and a
    // model outside the table might, so only the table's models with forced choice get it spelled out.
    const explicitAuto = capabilities.forcedToolChoice && capabilities !== unknownBedrockModelCapabilities;
    return explicitAuto ? { tools: offered, toolChoice: { auto: {} } } : { tools: offered };
  }
  if (historyToolNames.size === 0) return undefined;
  // Converse refuses toolUse/toolResult blocks without a toolConfig. Nothing is forced, so the model is free
  // to answer in text; it may still call a tool, which tool_choice "none" cannot prevent on Bedrock.
  const fromHistory =
    userTools.length > 0
      ? userTools
      : [...historyToolNames].map((name) => ({ name, parameters: { type: "object" } }));
  return { tools: fromHistory.map(toolSpec) };
}
