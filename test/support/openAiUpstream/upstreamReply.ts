import { exampleFromSchema } from "./exampleFromSchema.ts";
import { upstreamTokens } from "./upstreamEmbedding.ts";

/** A tool call the test upstream makes. */
export interface UpstreamToolCall {
  readonly id: string;
  readonly name: string;
  readonly arguments: string;
}

/** What the test upstream answers to one chat completion request, streamed or not. */
export interface UpstreamReply {
  /** The text, in the pieces a stream sends it in (one word each); [] when it calls tools. */
  readonly pieces: readonly string[];
  readonly toolCalls: readonly UpstreamToolCall[];
  readonly finishReason: "stop" | "length" | "tool_calls";
  /** How many choices the body asked for (`n`); each is this same reply. */
  readonly choices: number;
  /** The whole call's usage: the completion tokens of every choice. */
  readonly usage: {
    readonly prompt_tokens: number;
    readonly completion_tokens: number;
    readonly total_tokens: number;
    readonly prompt_tokens_details: { readonly cached_tokens: number };
  };
}

type WireMessage = { role?: unknown; content?: unknown };

/**
 * The test upstream's deterministic answer to a chat completion body:
 *
 * - tools offered (and `tool_choice` not `none`) and the last user message says `call <toolName>` (once per
 *   call, so "call a and call b" makes two parallel calls, one if `parallel_tool_calls` is false), or a
 *   `tool_choice` that forces a tool: those calls, with arguments valid for the tool's schema;
 * - `response_format` `json_schema`: a JSON text valid for the schema; `json_object`: `{"reply": "<text>"}`;
 * - the last message a `tool` result: `Tool results: <contents>`;
 * - otherwise `You said: <last user text>`, plus ` (with N images)` when it held images.
 *
 * Text is one token per word and is cut at `max_tokens` / `max_completion_tokens` (finish `length`); other
 * answers count one token per started 4 characters, as does the prompt (its messages as JSON).
 *
 * @example
 * upstreamReply({ messages: [{ role: "user", content: "hi" }] }, { requestNumber: 1, cachedPromptTokens: 0 });
 * // { pieces: ["You ", "said: ", "hi"], toolCalls: [], finishReason: "stop", usage: {...} }
 */
export function upstreamReply(
  body: Record<string, unknown>,
  options: { readonly requestNumber: number; readonly cachedPromptTokens: number },
): UpstreamReply {
  const messages = (Array.isArray(body.messages) ? body.messages : []) as WireMessage[];
  const promptTokens = upstreamTokens(JSON.stringify(messages));
  const choices = typeof body.n === "number" ? body.n : 1;
  const usage = (completionTokens: number) => ({
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens * choices,
    total_tokens: promptTokens + completionTokens * choices,
    prompt_tokens_details: { cached_tokens: Math.min(options.cachedPromptTokens, promptTokens) },
  });

  const toolCalls = toolCallsFor(body, lastUserText(messages), options.requestNumber);
  if (toolCalls.length > 0) {
    const completionTokens = toolCalls.reduce(
      (sum, call) => sum + upstreamTokens(call.name + call.arguments),
      0,
    );
    return { pieces: [], toolCalls, finishReason: "tool_calls", choices, usage: usage(completionTokens) };
  }

  const text = replyText(body, messages);
  const words = text.match(/\S+\s*/g) ?? [];
  const format = body.response_format as { type?: unknown } | undefined;
  if (format?.type === "json_schema" || format?.type === "json_object") {
    return {
      pieces: splitEvery(text, 8),
      toolCalls: [],
      finishReason: "stop",
      choices,
      usage: usage(upstreamTokens(text)),
    };
  }
  const maxTokens = Number(body.max_completion_tokens ?? body.max_tokens ?? Number.POSITIVE_INFINITY);
  const pieces = words.slice(0, maxTokens);
  return {
    pieces,
    toolCalls: [],
    finishReason: pieces.length < words.length ? "length" : "stop",
    choices,
    usage: usage(pieces.length),
  };
}

function replyText(body: Record<string, unknown>, messages: readonly WireMessage[]): string {
  const format = body.response_format as { type?: unknown; json_schema?: { schema?: unknown } } | undefined;
  const trailingToolResults: string[] = [];
  for (let position = messages.length - 1; messages[position]?.role === "tool"; position--) {
    trailingToolResults.unshift(String(messages[position]?.content));
  }
  const said =
    trailingToolResults.length > 0
      ? `Tool results: ${trailingToolResults.join("; ")}`
      : `You said: ${lastUserText(messages)}${imageNote(messages)}`;
  if (format?.type === "json_schema") return JSON.stringify(exampleFromSchema(format.json_schema?.schema));
  if (format?.type === "json_object") return JSON.stringify({ reply: said });
  return said;
}

function toolCallsFor(
  body: Record<string, unknown>,
  userText: string,
  requestNumber: number,
): UpstreamToolCall[] {
  // After tool results the model answers them, as OpenAI does, unless a call is still forced.
  const messages = Array.isArray(body.messages) ? (body.messages as { role?: unknown }[]) : [];
  const forced = body.tool_choice === "required" || typeof body.tool_choice === "object";
  if (messages.at(-1)?.role === "tool" && !forced) return [];
  const tools = (Array.isArray(body.tools) ? body.tools : []) as {
    function?: { name?: string; parameters?: unknown };
  }[];
  const schemas = new Map(tools.map((tool) => [String(tool.function?.name), tool.function?.parameters]));
  const choice = body.tool_choice as string | { function?: { name?: string } } | undefined;
  if (schemas.size === 0 || choice === "none") return [];
  let names = [...userText.matchAll(/\bcall ([\w-]+)/g)]
    .map((match) => match[1] as string)
    .filter((name) => schemas.has(name));
  if (typeof choice === "object") names = [String(choice.function?.name)];
  else if (choice === "required" && names.length === 0) names = [schemas.keys().next().value as string];
  if (body.parallel_tool_calls === false) names = names.slice(0, 1);
  return names.map((name, index) => ({
    id: `call_${requestNumber}_${index}`,
    name,
    arguments: JSON.stringify(exampleFromSchema(schemas.get(name))),
  }));
}

function lastUserText(messages: readonly WireMessage[]): string {
  const last = messages.findLast((message) => message.role === "user");
  if (typeof last?.content === "string") return last.content;
  if (!Array.isArray(last?.content)) return "";
  return last.content
    .filter((part: { type?: unknown }) => part.type === "text")
    .map((part: { text?: unknown }) => String(part.text))
    .join(" ");
}

function imageNote(messages: readonly WireMessage[]): string {
  const last = messages.findLast((message) => message.role === "user");
  const images = Array.isArray(last?.content)
    ? last.content.filter((part: { type?: unknown }) => part.type === "image_url").length
    : 0;
  return images === 0 ? "" : ` (with ${images} image${images === 1 ? "" : "s"})`;
}

function splitEvery(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += size) pieces.push(text.slice(start, start + size));
  return pieces;
}
