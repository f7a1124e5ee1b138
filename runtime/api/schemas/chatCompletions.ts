import * as z from "zod";
import { metadata, tokenCount } from "./common.ts";
import { modelKey } from "./models.ts";

// `POST /v1/chat/completions` follows OpenAI's Chat Completions API, so the official `openai` client, the
// Vercel AI SDK and LangChain work with `baseURL: https://<api domain>/<tenantId>/v1`. OpenAI clients send
// fields this API does not use (logit_bias, service_tier, ...), so the request objects are loose: unknown
// fields are accepted and ignored when they do not change the answer's shape. Fields that would change the
// shape and cannot be honoured (audio output, the deprecated functions) are refused with a clear message
// instead; `n` > 1 and `logprobs` are refused by each provider that cannot honour them.
// https://platform.openai.com/docs/api-reference/chat/create

/** Characters one text may hold (a message's content, one text part, a tool result). */
export const maxContentChars = 200_000;

/** Characters all messages of one request may hold together; bounds the work and cost of one call. */
export const maxTotalContentChars = 1_000_000;

/** The most likely tokens a request may ask to list at each position (OpenAI's limit). */
export const maxTopLogprobs = 20;

/** The most choices (`n`) one request may ask for (OpenAI's limit). */
export const maxChoices = 128;

/** Messages one request may carry. */
export const maxMessages = 256;

/** Tokens a request may ask the model to generate; the tenant's own `maxTokensPerRequest` applies too. */
export const maxCompletionTokens = 1_000_000;

/** Images one request may carry. */
export const maxImages = 20;

/** Tools one request may offer (OpenAI's limit). */
export const maxTools = 128;

/** A tool's name, as OpenAI accepts it. */
const toolName = z
  .string()
  .regex(/^[a-zA-Z0-9_-]{1,64}$/, "must be 1-64 characters of a-z, A-Z, 0-9, '_' and '-'");

const text = z.string().max(maxContentChars, `must be at most ${maxContentChars} characters`);

const textPart = z.looseObject({ type: z.literal("text"), text });

const imagePart = z.looseObject({
  type: z.literal("image_url"),
  image_url: z.looseObject({
    url: z
      .string()
      .regex(
        /^(data:image\/[a-z+.-]+;base64,|https:\/\/)/,
        "must be a data:image/...;base64, URL or an https URL from a host the tenant allows (models.imageUrlHosts)",
      )
      .max(14_000_000, "the image is too large: send at most about 10 MB"),
    detail: z.enum(["auto", "low", "high"]).optional(),
  }),
});

/** What a user message's content parts may be; audio and file parts are refused by name. */
const userPart = z.discriminatedUnion("type", [textPart, imagePart], {
  error: 'must be a {"type": "text"} or {"type": "image_url"} part; audio and file parts are not supported',
});

const textOnly = z.union([text, z.array(textPart).min(1).max(100)], {
  error: 'must be a string or an array of {"type": "text", "text": "..."} parts',
});

const toolCall = z.looseObject({
  id: z.string().min(1).max(256),
  type: z.literal("function"),
  function: z.looseObject({ name: toolName, arguments: z.string().max(maxContentChars) }),
});

const name = z.string().max(64).optional();

const systemMessage = z.looseObject({ role: z.literal("system"), content: textOnly, name });
const developerMessage = z.looseObject({ role: z.literal("developer"), content: textOnly, name });
const userMessage = z.looseObject({
  role: z.literal("user"),
  content: z.union([text, z.array(userPart).min(1).max(100)], {
    error: 'must be a string or an array of "text" and "image_url" parts',
  }),
  name,
});
const assistantMessage = z.looseObject({
  role: z.literal("assistant"),
  content: z
    .union([
      text,
      z.array(z.union([textPart, z.looseObject({ type: z.literal("refusal"), refusal: text })])).max(100),
    ])
    .nullish(),
  tool_calls: z.array(toolCall).max(maxTools).nullish(),
  name,
});
const toolMessage = z.looseObject({
  role: z.literal("tool"),
  content: textOnly,
  tool_call_id: z.string().min(1).max(256),
});

/** One message of the conversation sent to the model. */
export const chatMessageSchema = z
  .discriminatedUnion("role", [systemMessage, developerMessage, userMessage, assistantMessage, toolMessage], {
    error:
      "must be system, developer, user, assistant or tool; the deprecated function role is not supported (use tool)",
  })
  .meta({ id: "ChatMessage" });

/** One message after validation. */
export type ChatMessage = z.output<typeof chatMessageSchema>;

/** A function the model may call. */
export const chatToolSchema = z
  .looseObject({
    type: z.literal("function", { error: 'only "function" tools are supported' }),
    function: z.looseObject({
      name: toolName,
      description: z.string().max(4096).optional(),
      parameters: z
        .record(z.string(), z.unknown())
        .optional()
        .describe("A JSON Schema object for the arguments; an empty object schema when omitted"),
      strict: z.boolean().nullish(),
    }),
  })
  .meta({ id: "ChatTool" });

const toolChoice = z.union(
  [
    z.enum(["none", "auto", "required"]),
    z.looseObject({ type: z.literal("function"), function: z.looseObject({ name: toolName }) }),
  ],
  { error: 'must be "none", "auto", "required" or {"type": "function", "function": {"name": "..."}}' },
);

const responseFormat = z
  .discriminatedUnion(
    "type",
    [
      z.looseObject({ type: z.literal("text") }),
      z.looseObject({ type: z.literal("json_object") }),
      z.looseObject({
        type: z.literal("json_schema"),
        json_schema: z.looseObject({
          name: toolName,
          description: z.string().max(4096).optional(),
          schema: z.record(z.string(), z.unknown()).optional(),
          strict: z.boolean().nullish(),
        }),
      }),
    ],
    { error: 'type must be "text", "json_object" or "json_schema"' },
  )
  .meta({ id: "ResponseFormat" });

const tokenLimit = z.int().min(1).max(maxCompletionTokens).nullish();

/** The text of a text-only content (a string or text parts). */
export function contentText(content: string | readonly { type: string; text?: string }[]): string {
  return typeof content === "string" ? content : content.map((part) => part.text ?? "").join("");
}

/** A chat completion request, as OpenAI clients send it. */
export const chatCompletionRequestSchema = z
  .looseObject({
    model: modelKey,
    messages: z
      .array(chatMessageSchema)
      .min(1, "must hold at least one message")
      .max(maxMessages, `must hold at most ${maxMessages} messages`),
    max_tokens: tokenLimit.describe(
      "Deprecated by OpenAI in favour of max_completion_tokens; still honoured",
    ),
    max_completion_tokens: tokenLimit.describe("Most tokens to generate; wins over max_tokens"),
    temperature: z.number().min(0).max(2).nullish(),
    top_p: z.number().min(0).max(1).nullish(),
    stop: z
      .union([z.string().min(1).max(256), z.array(z.string().min(1).max(256)).max(4)])
      .nullish()
      .describe("Up to 4 sequences where the model stops generating"),
    n: z
      .int()
      .min(1)
      .max(maxChoices)
      .nullish()
      .describe(
        `How many choices to generate, 1 to ${maxChoices} (OpenAI-compatible and echo models; Bedrock refuses more than 1). max_tokens holds for each, and the tenant's per-request token limit for all together`,
      ),
    seed: z.int().nullish().describe("Passed to providers that support it"),
    frequency_penalty: z.number().min(-2).max(2).nullish(),
    presence_penalty: z.number().min(-2).max(2).nullish(),
    logprobs: z
      .boolean()
      .nullish()
      .describe(
        "Return the output tokens' log probabilities (OpenAI-compatible and echo models; Bedrock refuses it)",
      ),
    top_logprobs: z
      .int()
      .min(0)
      .max(maxTopLogprobs)
      .nullish()
      .describe(`With logprobs: also list the 0 to ${maxTopLogprobs} most likely tokens at each position`),
    modalities: z
      .array(z.literal("text", { error: 'only "text" output is supported' }))
      .nullish()
      .describe('Only ["text"]'),
    audio: z.null({ error: "audio output is not supported; omit audio" }).optional(),
    functions: z
      .null({
        error: 'the deprecated functions are not supported: send them as tools ({"type": "function", ...})',
      })
      .optional(),
    function_call: z
      .null({ error: "the deprecated function_call is not supported: send tool_choice" })
      .optional(),
    user: z.string().max(256).optional().describe("The end user, for the tenant's own abuse monitoring"),
    reasoning_effort: z
      .enum(["none", "minimal", "low", "medium", "high", "xhigh", "max"], {
        error: 'must be "none", "minimal", "low", "medium", "high", "xhigh" or "max"',
      })
      .nullish()
      .describe("For reasoning models: passed to OpenAI-compatible models, ignored by Bedrock and echo"),
    stream: z.boolean().nullish().describe("Answer as server-sent events (text/event-stream)"),
    stream_options: z
      .looseObject({ include_usage: z.boolean().optional() })
      .nullish()
      .describe("With stream: include_usage adds a last chunk carrying the call's usage"),
    metadata: metadata.nullish(),
    tools: z.array(chatToolSchema).max(maxTools, `must offer at most ${maxTools} tools`).nullish(),
    tool_choice: toolChoice.nullish(),
    parallel_tool_calls: z.boolean().nullish(),
    response_format: responseFormat.nullish(),
  })
  .superRefine((request, ctx) => {
    let total = 0;
    let images = 0;
    for (const message of request.messages) {
      if (message.role === "user" && typeof message.content !== "string") {
        for (const part of message.content) {
          if (part.type === "text") total += part.text.length;
          else images++;
        }
      } else if (message.role === "assistant") {
        const content = message.content ?? "";
        total += typeof content === "string" ? content.length : JSON.stringify(content).length;
        for (const call of message.tool_calls ?? []) total += call.function.arguments.length;
      } else {
        total += contentText(message.content).length;
      }
    }
    if (total > maxTotalContentChars) {
      ctx.addIssue({
        code: "custom",
        path: ["messages"],
        message: `hold ${total} characters in all; the limit is ${maxTotalContentChars}: shorten or drop earlier messages`,
      });
    }
    if (images > maxImages) {
      ctx.addIssue({
        code: "custom",
        path: ["messages"],
        message: `hold ${images} images; the limit is ${maxImages} per request`,
      });
    }
    if ((request.top_logprobs ?? 0) > 0 && request.logprobs !== true) {
      ctx.addIssue({
        code: "custom",
        path: ["top_logprobs"],
        message: "needs logprobs: true; set it, or omit top_logprobs",
      });
    }
    const offered = new Set((request.tools ?? []).map((tool) => tool.function.name));
    const choice = request.tool_choice;
    if (typeof choice === "object" && choice !== null && !offered.has(choice.function.name)) {
      ctx.addIssue({
        code: "custom",
        path: ["tool_choice"],
        message: `names "${choice.function.name}", which is not in tools; offer it or name one of: ${[...offered].join(", ") || "(no tools offered)"}`,
      });
    } else if (choice === "required" && offered.size === 0) {
      ctx.addIssue({ code: "custom", path: ["tool_choice"], message: '"required" needs at least one tool' });
    }
    if (offered.size < (request.tools ?? []).length) {
      ctx.addIssue({ code: "custom", path: ["tools"], message: "name each tool once" });
    }
    const answered = new Set<string>();
    request.messages.forEach((message, index) => {
      if (message.role === "assistant") for (const call of message.tool_calls ?? []) answered.add(call.id);
      if (message.role === "tool" && !answered.has(message.tool_call_id)) {
        ctx.addIssue({
          code: "custom",
          path: ["messages", index, "tool_call_id"],
          message: `"${message.tool_call_id}" answers no tool call of an earlier assistant message; send the assistant message with its tool_calls first`,
        });
      }
    });
  })
  .meta({ id: "CreateChatCompletionRequest" });

/** A chat completion request after validation. */
export type ChatCompletionRequest = z.output<typeof chatCompletionRequestSchema>;

/** Tokens a call consumed, as the provider reported them (OpenAI's `usage` object). */
export const completionUsageSchema = z
  .strictObject({
    prompt_tokens: tokenCount,
    completion_tokens: tokenCount,
    total_tokens: tokenCount,
    prompt_tokens_details: z
      .strictObject({ cached_tokens: tokenCount })
      .optional()
      .describe("Prompt tokens served from the provider's cache"),
  })
  .meta({ id: "CompletionUsage" });

const completionId = z.string().regex(/^chatcmpl-[A-Za-z0-9_-]{1,64}$/);

const finishReason = z.enum(["stop", "length", "content_filter", "tool_calls"]);

const tokenProbability = {
  token: z.string(),
  logprob: z.number().max(0),
  bytes: z.array(z.int().min(0).max(255)).nullable(),
};

/** The log probabilities of a choice's content tokens (OpenAI's `choices[].logprobs`), when asked for. */
const choiceLogprobs = z
  .strictObject({
    content: z
      .array(
        z.strictObject({
          ...tokenProbability,
          top_logprobs: z.array(z.strictObject(tokenProbability)).max(maxTopLogprobs),
        }),
      )
      .nullable(),
    refusal: z.null(),
  })
  .nullable()
  .describe("null unless the request set logprobs: true")
  .meta({ id: "ChoiceLogprobs" });

const toolCallOut = z.strictObject({
  id: z.string().min(1),
  type: z.literal("function"),
  function: z.strictObject({ name: z.string(), arguments: z.string() }),
});

/** A chat completion, in OpenAI's `chat.completion` object shape, with the `n` choices asked for. */
export const chatCompletionSchema = z
  .strictObject({
    id: completionId,
    object: z.literal("chat.completion"),
    created: z.int().min(0).describe("Unix seconds when the completion was created"),
    model: modelKey,
    choices: z
      .array(
        z.strictObject({
          index: z.int().min(0),
          message: z.strictObject({
            role: z.literal("assistant"),
            content: z.string().nullable().describe("null when the model only called tools"),
            refusal: z.null(),
            tool_calls: z.array(toolCallOut).min(1).optional(),
          }),
          finish_reason: finishReason,
          logprobs: choiceLogprobs,
        }),
      )
      .min(1)
      .max(maxChoices),
    usage: completionUsageSchema,
  })
  .meta({ id: "ChatCompletion" });

/** A chat completion response body. */
export type ChatCompletion = z.output<typeof chatCompletionSchema>;

/**
 * One server-sent event of a streamed chat completion (`stream: true`), in OpenAI's
 * `chat.completion.chunk` shape; the stream ends with `data: [DONE]`. With `stream_options.include_usage`
 * the last chunk has empty `choices` and the call's `usage`.
 */
export const chatCompletionChunkSchema = z
  .strictObject({
    id: completionId,
    object: z.literal("chat.completion.chunk"),
    created: z.int().min(0),
    model: modelKey,
    choices: z
      .array(
        z.strictObject({
          index: z.int().min(0),
          delta: z.strictObject({
            role: z.literal("assistant").optional(),
            content: z.string().nullable().optional(),
            refusal: z.null().optional(),
            tool_calls: z
              .array(
                z.strictObject({
                  index: z.int().min(0),
                  id: z.string().optional(),
                  type: z.literal("function").optional(),
                  function: z.strictObject({
                    name: z.string().optional(),
                    arguments: z.string().optional(),
                  }),
                }),
              )
              .optional(),
          }),
          finish_reason: finishReason.nullable(),
          logprobs: choiceLogprobs,
        }),
      )
      .max(1),
    usage: completionUsageSchema.nullable().optional(),
  })
  .meta({ id: "ChatCompletionChunk" });

/** One chunk of a streamed chat completion. */
export type ChatCompletionChunk = z.output<typeof chatCompletionChunkSchema>;
