import type {
  ContentBlock,
  ConverseCommandInput,
  InferenceConfiguration,
  Message,
  Tool,
  ToolConfiguration,
  ToolUseBlock,
} from "@aws-sdk/client-bedrock-runtime";
import { ModelUnsupportedParameterError } from "../modelErrors.ts";
import type { ModelContentPart, ModelRequest, ModelTool } from "../modelTypes.ts";
import { type BedrockCapabilities, unknownBedrockModelCapabilities } from "./bedrockCapabilities.ts";

/**
 * The synthetic tool that carries a JSON answer: Converse has no JSON mode, so `response_format` is honoured
 * by forcing the model to call this tool with the schema as its input schema, and the tool's input becomes
 * the answer's content.
 */
export const jsonResponseToolName = "json_response";

/** A Converse call, and how its answer is to be read back. */
export interface ConversePlan {
  /** The body of `ConverseCommand`; `ConverseStreamCommand` takes the same. */
  readonly input: ConverseCommandInput;
  /** The synthetic tool whose input is the answer (see {@link jsonResponseToolName}), when JSON was asked for. */
  readonly jsonToolName: string | undefined;
  /**
   * `parallelToolCalls: false`: Converse cannot ask the model for one call per turn, so only the first call
   * of the answer is returned.
   */
  readonly singleToolCall: boolean;
}

type Context = { readonly provider: "bedrock"; readonly modelKey: string };

const imageFormats = {
  "image/png": "png",
  "image/jpeg": "jpeg",
  "image/gif": "gif",
  "image/webp": "webp",
} as const;

/**
 * Maps a request to a Converse call on the inference profile `profileArn`, refusing with
 * `ModelUnsupportedParameterError` what the model cannot do (see docs/models.md, "Bedrock"). `seed`,
 * `frequencyPenalty`, `presencePenalty` and `user` have no Converse field and are left out: none of them
 * changes the answer's shape.
 */
export function converseRequest(
  request: ModelRequest,
  profileArn: string,
  capabilities: BedrockCapabilities,
): ConversePlan {
  const context: Context = { provider: "bedrock", modelKey: request.modelKey };
  if (capabilities.kind !== "chat") {
    throw new ModelUnsupportedParameterError({
      ...context,
      param: "model",
      problem: `${request.providerModelId} is an embedding model, not a chat model`,
      fix: "call POST /v1/embeddings with it, or pick a chat model from GET /v1/models",
    });
  }
  const { system, messages, historyToolNames } = converseMessages(request, capabilities, context);
  const jsonSchema = jsonSchemaOf(request);
  const toolConfig = toolConfigFor(request, capabilities, context, jsonSchema, historyToolNames);
  const inferenceConfig: InferenceConfiguration = { maxTokens: request.maxTokens };
  if (request.temperature !== undefined) inferenceConfig.temperature = request.temperature;
  if (request.topP !== undefined) inferenceConfig.topP = request.topP;
  if (request.stop !== undefined && request.stop.length > 0)
    inferenceConfig.stopSequences = [...request.stop];
  return {
    input: {
      modelId: profileArn,
      messages,
      ...(system.length > 0 ? { system } : {}),
      inferenceConfig,
      ...(toolConfig === undefined ? {} : { toolConfig }),
    },
    jsonToolName: jsonSchema === undefined ? undefined : jsonResponseToolName,
    singleToolCall: request.parallelToolCalls === false,
  };
}

function converseMessages(
  request: ModelRequest,
  capabilities: BedrockCapabilities,
  context: Context,
): { system: { text: string }[]; messages: Message[]; historyToolNames: Set<string> } {
  const system: { text: string }[] = [];
  const messages: Message[] = [];
  const historyToolNames = new Set<string>();
  const append = (role: "user" | "assistant", blocks: ContentBlock[]) => {
    const previous = messages.at(-1);
    // Converse requires the roles to alternate, so consecutive messages of one role become one.
    if (previous?.role === role) previous.content?.push(...blocks);
    else messages.push({ role, content: blocks });
  };
  request.messages.forEach((message, index) => {
    switch (message.role) {
      case "system":
        system.push({ text: message.content });
        return;
      case "user":
        append(
          "user",
          typeof message.content === "string"
            ? [{ text: message.content }]
            : message.content.map((part, partIndex) =>
                userBlock(part, `messages[${index}].content[${partIndex}]`, capabilities, context, request),
              ),
        );
        return;
      case "assistant": {
        const calls = message.toolCalls ?? [];
        if (calls.length > 0) requireTools(capabilities, context, request, `messages[${index}].tool_calls`);
        const blocks: ContentBlock[] =
          calls.length > 0 && message.content === "" ? [] : [{ text: message.content }];
        calls.forEach((call, callIndex) => {
          historyToolNames.add(call.name);
          blocks.push({
            toolUse: {
              toolUseId: call.id,
              name: call.name,
              input: toolInput(
                call.arguments,
                `messages[${index}].tool_calls[${callIndex}].function.arguments`,
                context,
              ),
            },
          });
        });
        append("assistant", blocks);
        return;
      }
      case "tool":
        requireTools(capabilities, context, request, `messages[${index}]`);
        append("user", [
          { toolResult: { toolUseId: message.toolCallId, content: [{ text: message.content }] } },
        ]);
        return;
    }
  });
  return { system, messages, historyToolNames };
}

function userBlock(
  part: ModelContentPart,
  param: string,
  capabilities: BedrockCapabilities,
  context: Context,
  request: ModelRequest,
): ContentBlock {
  if (part.type === "text") return { text: part.text };
  if (!capabilities.images) {
    throw new ModelUnsupportedParameterError({
      ...context,
      param,
      problem: `${request.providerModelId} does not accept images`,
      fix: "send text only, or pick a model that reads images (GET /v1/models)",
    });
  }
  return { image: { format: imageFormats[part.mediaType], source: { bytes: part.data } } };
}

/** The arguments JSON text of an earlier call, as the object Converse wants for `toolUse.input`. */
function toolInput(argumentsText: string, param: string, context: Context): ToolUseInput {
  // Some clients send "" for a call without arguments.
  if (argumentsText.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(argumentsText);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ModelUnsupportedParameterError({
      ...context,
      param,
      problem: `${JSON.stringify(argumentsText.slice(0, 100))} is not a JSON object, which Bedrock needs as the call's input`,
      fix: "send the arguments the model produced, a JSON object as text",
    });
  }
  return parsed as ToolUseInput;
}

/** A JSON value as the SDK types it (`toolUse.input`, `inputSchema.json`). */
type ToolUseInput = NonNullable<ToolUseBlock["input"]>;

function requireTools(
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

/** The schema the answer must match, or undefined for plain text. */
function jsonSchemaOf(request: ModelRequest): Readonly<Record<string, unknown>> | undefined {
  const format = request.responseFormat;
  if (format === undefined || format.type === "text") return undefined;
  return format.type === "json_object" ? { type: "object" } : format.schema;
}

function toolSpec(tool: ModelTool): Tool {
  return {
    toolSpec: {
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      inputSchema: { json: tool.parameters as ToolUseInput },
    },
  };
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
  if (userTools.length > 0) requireTools(capabilities, context, request, "tools");
  if (userTools.length > 0 && choice === "required")
    requireForcedChoice(capabilities, context, request, "tool_choice", 'tool_choice "required"');
  if (userTools.length > 0 && typeof choice === "object")
    requireForcedChoice(capabilities, context, request, "tool_choice", "a named tool_choice");
  // tool_choice "none": the tools are not offered, unless the history forces a toolConfig (below).
  const offered = choice === "none" ? [] : userTools.map(toolSpec);

  if (jsonSchema !== undefined) {
    requireTools(capabilities, context, request, "response_format");
    requireForcedChoice(capabilities, context, request, "response_format", "JSON output");
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
    const toolChoice =
      offered.length === 0
        ? { tool: { name: jsonResponseToolName } }
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
