import type { ModelContentPart, ModelMessage, ModelRequest, ModelResponseFormat } from "../modelTypes.ts";

/**
 * Which field carries `maxTokens`. `max_tokens` is the one every OpenAI-compatible server reads (vLLM,
 * Ollama, LiteLLM, TGI, llama.cpp); OpenAI's reasoning models (o-series, gpt-5) refuse it and want
 * `max_completion_tokens`, which older compatible servers ignore, so it is opt-in per model key.
 */
export type MaxTokensParameter = "max_tokens" | "max_completion_tokens";

/** How the body is sent: as one answer, or streamed as Server-Sent Events with a final usage chunk. */
export interface ChatRequestBodyOptions {
  readonly stream: boolean;
  /** @default "max_tokens" */
  readonly maxTokensParameter?: MaxTokensParameter | undefined;
}

/**
 * The OpenAI Chat Completions body for a {@link ModelRequest}: every field the request sets, under its
 * OpenAI name, and nothing it leaves unset (servers' defaults differ, so none is guessed here). `tools`,
 * `tool_choice` and `parallel_tool_calls` go only with at least one tool: OpenAI refuses the last two alone.
 *
 * @example
 * chatRequestBody({ providerModelId: "gpt-4o-mini", messages, maxTokens: 256, ... }, { stream: true });
 * // { model: "gpt-4o-mini", messages: [...], max_tokens: 256, stream: true, stream_options: { include_usage: true } }
 */
export function chatRequestBody(
  request: ModelRequest,
  options: ChatRequestBodyOptions,
): Record<string, unknown> {
  const tools = request.tools ?? [];
  const body: Record<string, unknown> = {
    model: request.providerModelId,
    messages: request.messages.map(wireMessage),
    [options.maxTokensParameter ?? "max_tokens"]: request.maxTokens,
  };
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.stop !== undefined && request.stop.length > 0) body.stop = request.stop;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.frequencyPenalty !== undefined) body.frequency_penalty = request.frequencyPenalty;
  if (request.presencePenalty !== undefined) body.presence_penalty = request.presencePenalty;
  if (request.user !== undefined) body.user = request.user;
  if (request.reasoningEffort !== undefined) body.reasoning_effort = request.reasoningEffort;
  if ((request.n ?? 1) > 1) body.n = request.n;
  if (request.logprobs !== undefined) {
    body.logprobs = true;
    if (request.logprobs.top > 0) body.top_logprobs = request.logprobs.top;
  }
  if (tools.length > 0) {
    body.tools = tools.map((tool) => ({
      type: "function",
      function: {
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        parameters: tool.parameters,
        ...(tool.strict === undefined ? {} : { strict: tool.strict }),
      },
    }));
    if (request.toolChoice !== undefined) {
      body.tool_choice =
        typeof request.toolChoice === "string"
          ? request.toolChoice
          : { type: "function", function: { name: request.toolChoice.name } };
    }
    if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  }
  if (request.responseFormat !== undefined) body.response_format = wireResponseFormat(request.responseFormat);
  body.stream = options.stream;
  if (options.stream) body.stream_options = { include_usage: true };
  return body;
}

function wireMessage(message: ModelMessage): Record<string, unknown> {
  switch (message.role) {
    case "system":
      return { role: "system", content: message.content };
    case "user":
      return {
        role: "user",
        content: typeof message.content === "string" ? message.content : message.content.map(wirePart),
      };
    case "assistant": {
      const toolCalls = message.toolCalls ?? [];
      if (toolCalls.length === 0) return { role: "assistant", content: message.content };
      return {
        role: "assistant",
        // OpenAI's own SDKs send null beside tool calls; some servers refuse an empty string there.
        content: message.content === "" ? null : message.content,
        tool_calls: toolCalls.map((call) => ({
          id: call.id,
          type: "function",
          function: { name: call.name, arguments: call.arguments },
        })),
      };
    }
    case "tool":
      return { role: "tool", tool_call_id: message.toolCallId, content: message.content };
  }
}

function wirePart(part: ModelContentPart): Record<string, unknown> {
  if (part.type === "text") return { type: "text", text: part.text };
  return {
    type: "image_url",
    image_url: {
      url: `data:${part.mediaType};base64,${Buffer.from(part.data).toString("base64")}`,
      ...(part.detail === undefined ? {} : { detail: part.detail }),
    },
  };
}

function wireResponseFormat(format: ModelResponseFormat): Record<string, unknown> {
  if (format.type !== "json_schema") return { type: format.type };
  return {
    type: "json_schema",
    json_schema: {
      name: format.name,
      ...(format.description === undefined ? {} : { description: format.description }),
      schema: format.schema,
      ...(format.strict === undefined ? {} : { strict: format.strict }),
    },
  };
}
