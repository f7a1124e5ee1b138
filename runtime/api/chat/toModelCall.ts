import type { RemoteImageOptions } from "../../core/models/images/fetchRemoteImage.ts";
import type { ModelRequest, ModelResponseFormat, ModelToolChoice } from "../../core/models/modelTypes.ts";
import type { ChatCompletionRequest } from "../schemas/chatCompletions.ts";
import { toModelMessages } from "./toModelMessages.ts";

/** The model call a chat completion request asks for, as the metering layer takes it. */
export type ModelCall = Omit<ModelRequest, "modelKey" | "providerModelId" | "maxTokens" | "requestId"> & {
  readonly modelKey: string;
  readonly maxTokens: number | undefined;
};

/**
 * Maps an OpenAI chat completion request to the router's model call: every field the kit honours, named
 * as the providers take them. Nothing that changes the answer is dropped: the schema refuses what no
 * provider can do, and each provider refuses what its model cannot (MODEL_UNSUPPORTED_PARAMETER).
 */
export async function toModelCall(
  request: ChatCompletionRequest,
  images: Omit<RemoteImageOptions, "signal"> & { readonly signal: AbortSignal },
): Promise<ModelCall> {
  const tools = (request.tools ?? []).map((tool) => ({
    name: tool.function.name,
    description: tool.function.description,
    parameters: tool.function.parameters ?? { type: "object", properties: {} },
    strict: tool.function.strict ?? undefined,
  }));
  return {
    modelKey: request.model,
    messages: await toModelMessages(request.messages, images),
    maxTokens: request.max_completion_tokens ?? request.max_tokens ?? undefined,
    temperature: request.temperature ?? undefined,
    topP: request.top_p ?? undefined,
    stop: typeof request.stop === "string" ? [request.stop] : (request.stop ?? undefined),
    seed: request.seed ?? undefined,
    frequencyPenalty: request.frequency_penalty ?? undefined,
    presencePenalty: request.presence_penalty ?? undefined,
    user: request.user,
    reasoningEffort: request.reasoning_effort ?? undefined,
    ...(tools.length > 0 ? { tools, toolChoice: toToolChoice(request.tool_choice) } : {}),
    parallelToolCalls: request.parallel_tool_calls ?? undefined,
    responseFormat: toResponseFormat(request.response_format),
    logprobs: request.logprobs === true ? { top: request.top_logprobs ?? 0 } : undefined,
    n: request.n !== undefined && request.n !== null && request.n > 1 ? request.n : undefined,
  };
}

function toToolChoice(choice: ChatCompletionRequest["tool_choice"]): ModelToolChoice | undefined {
  if (choice === undefined || choice === null) return undefined;
  return typeof choice === "string" ? choice : { name: choice.function.name };
}

function toResponseFormat(format: ChatCompletionRequest["response_format"]): ModelResponseFormat | undefined {
  if (format === undefined || format === null || format.type === "text") return undefined;
  if (format.type === "json_object") return { type: "json_object" };
  const { name, description, schema, strict } = format.json_schema;
  return {
    type: "json_schema",
    name,
    description,
    schema: schema ?? { type: "object" },
    strict: strict ?? undefined,
  };
}
