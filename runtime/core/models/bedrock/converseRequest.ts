import type { ContentBlock, ConverseCommandInput, Message } from "@aws-sdk/client-bedrock-runtime";
import { ModelUnsupportedParameterError } from "../modelErrors.ts";
import type { ModelContentPart, ModelRequest } from "../modelTypes.ts";
import type { BedrockCapabilities } from "./bedrockCapabilities.ts";
import { converseImageBlock, requireConverseImageCount } from "./converseImageBlock.ts";
import { converseInferenceConfig } from "./converseInferenceConfig.ts";
import {
  converseToolConfig,
  jsonResponseToolName,
  requireToolCalling,
  type ToolUseInput,
} from "./converseToolConfig.ts";
import { converseToolUseId } from "./converseToolUseId.ts";

export { jsonResponseToolName };

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

/**
 * Maps a request to a Converse call on the inference profile `profileArn`, refusing with
 * `ModelUnsupportedParameterError` what the model cannot do (see docs/models.md, "Bedrock"), `logprobs`
 * and `n` > 1 included: Converse has neither. `seed`,
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
  if (request.logprobs !== undefined) {
    throw new ModelUnsupportedParameterError({
      ...context,
      param: "logprobs",
      problem: "Bedrock's Converse API returns no log probabilities",
      fix: "omit logprobs and top_logprobs, or call an openai-compatible model that returns them",
    });
  }
  if ((request.n ?? 1) > 1) {
    throw new ModelUnsupportedParameterError({
      ...context,
      param: "n",
      problem: "Bedrock's Converse API gives one answer per call",
      fix: "omit n (or send 1) and make one request per answer you need",
    });
  }
  const { system, messages, historyToolNames } = converseMessages(request, capabilities, context);
  const { toolConfig, jsonToolName } = converseToolConfig(request, capabilities, historyToolNames);
  const inferenceConfig = converseInferenceConfig(request, capabilities);
  return {
    input: {
      modelId: profileArn,
      messages,
      ...(system.length > 0 ? { system } : {}),
      inferenceConfig,
      ...(toolConfig === undefined ? {} : { toolConfig }),
    },
    jsonToolName,
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
  const append = (role: "user" | "assistant", blocks: ContentBlock[], index: number) => {
    if (messages.length === 0 && role === "assistant") refuseAssistantFirst(index, context);
    const previous = messages.at(-1);
    // Converse requires the roles to alternate, so consecutive messages of one role become one.
    if (previous?.role === role) previous.content?.push(...blocks);
    else messages.push({ role, content: blocks });
  };
  request.messages.forEach((message, index) => {
    switch (message.role) {
      case "system":
        if (isBlank(message.content)) return;
        if (!capabilities.systemPrompts) {
          throw new ModelUnsupportedParameterError({
            ...context,
            param: `messages[${index}]`,
            problem: `is a system message, and ${request.providerModelId} takes no system prompt on Bedrock`,
            fix: "put the instructions in the first user message, or pick a model with system prompts (GET /v1/models)",
          });
        }
        system.push({ text: message.content });
        return;
      case "user": {
        const parts: readonly ModelContentPart[] =
          typeof message.content === "string" ? [{ type: "text", text: message.content }] : message.content;
        const blocks = parts.flatMap((part, partIndex) =>
          part.type === "text" && isBlank(part.text)
            ? []
            : [userBlock(part, `messages[${index}].content[${partIndex}]`, capabilities, context, request)],
        );
        if (blocks.length === 0) {
          throw new ModelUnsupportedParameterError({
            ...context,
            param: `messages[${index}].content`,
            problem: "is blank, and Bedrock refuses a message without text or an image",
            fix: "send some text, or leave the message out",
          });
        }
        append("user", blocks, index);
        return;
      }
      case "assistant": {
        const calls = message.toolCalls ?? [];
        if (calls.length > 0)
          requireToolCalling(capabilities, context, request, `messages[${index}].tool_calls`);
        const blocks: ContentBlock[] = isBlank(message.content) ? [] : [{ text: message.content }];
        calls.forEach((call, callIndex) => {
          historyToolNames.add(call.name);
          blocks.push({
            toolUse: {
              toolUseId: converseToolUseId(call.id),
              name: call.name,
              input: toolInput(
                call.arguments,
                `messages[${index}].tool_calls[${callIndex}].function.arguments`,
                context,
              ),
            },
          });
        });
        // A blank answer without calls (an empty or cut turn) has nothing Converse would accept.
        if (blocks.length > 0) append("assistant", blocks, index);
        return;
      }
      case "tool":
        requireToolCalling(capabilities, context, request, `messages[${index}]`);
        append(
          "user",
          [
            {
              toolResult: {
                toolUseId: converseToolUseId(message.toolCallId),
                content: [{ text: message.content }],
              },
            },
          ],
          index,
        );
        return;
    }
  });
  if (messages.length === 0) {
    throw new ModelUnsupportedParameterError({
      ...context,
      param: "messages",
      problem:
        "hold no user message (only system messages or blank assistant turns), and Bedrock needs a conversation that starts with one",
      fix: "add a user message after the system messages",
    });
  }
  const imageCount = messages.reduce(
    (sum, message) => sum + (message.content ?? []).filter((block) => block.image !== undefined).length,
    0,
  );
  requireConverseImageCount(imageCount, context);
  return { system, messages, historyToolNames };
}

/**
 * Converse refuses a conversation whose first message is the assistant's ("A conversation must start with a
 * user message"; Claude's models are trained on alternating turns that a user opens:
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages.html).
 * It is refused rather than adapted: a user message made up to open it would put words in the user's mouth.
 */
function refuseAssistantFirst(index: number, context: Context): never {
  throw new ModelUnsupportedParameterError({
    ...context,
    param: `messages[${index}]`,
    problem:
      "is an assistant message before any user message, and Bedrock needs a conversation that starts with a user message",
    fix: "start the conversation with a user message (an assistant greeting can go after it, or into the system prompt)",
  });
}

/**
 * Converse refuses a text block that is empty or only whitespace in a message or the system prompt ("The
 * text field in the ContentBlock object at messages.0.content.0 is blank"), though not in a toolResult.
 */
function isBlank(text: string): boolean {
  return text.trim() === "";
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
  return converseImageBlock(part, param, context);
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
