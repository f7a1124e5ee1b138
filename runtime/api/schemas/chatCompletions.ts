import * as z from "zod";
import { metadata, tokenCount } from "./common.ts";
import { modelKey } from "./models.ts";

// `POST /v1/chat/completions` follows OpenAI's Chat Completions API, so the official `openai` client works
// with `baseURL: https://<api domain>/<tenantId>/v1`. OpenAI clients send fields this API does not use
// (frequency_penalty, seed, ...), so the request objects are loose: unknown fields are accepted and ignored.
// Fields that would change the answer's shape (stream, n > 1, tools) are refused with a clear message
// instead of being silently ignored. https://platform.openai.com/docs/api-reference/chat/create

/** Characters one message's content may hold. */
export const maxContentChars = 200_000;

/** Characters all messages of one request may hold together; bounds the work and cost of one call. */
export const maxTotalContentChars = 1_000_000;

/** Messages one request may carry. */
export const maxMessages = 256;

/** Tokens a request may ask the model to generate; the tenant's own `maxTokensPerRequest` applies too. */
export const maxCompletionTokens = 1_000_000;

const textPart = z.looseObject({
  type: z.literal("text", {
    error: 'only text content parts are supported; send {"type": "text", "text": "..."}',
  }),
  text: z.string().max(maxContentChars),
});

const messageContent = z.union(
  [
    z.string().max(maxContentChars, `must be at most ${maxContentChars} characters`),
    z.array(textPart).min(1).max(100),
  ],
  { error: 'must be a string or an array of {"type": "text", "text": "..."} parts' },
);

/** One message of the conversation sent to the model. */
export const chatMessageSchema = z
  .looseObject({
    role: z.enum(["system", "user", "assistant"], {
      error: "must be system, user or assistant; tool and function messages are not supported",
    }),
    content: messageContent,
    name: z.string().max(64).optional(),
  })
  .meta({ id: "ChatMessage" });

const tokenLimit = z.int().min(1).max(maxCompletionTokens).nullish();

/** The text of a message's content, whether sent as a string or as text parts. */
export function contentText(content: z.output<typeof messageContent>): string {
  return typeof content === "string" ? content : content.map((part) => part.text).join("");
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
      .literal(1, { error: "must be 1: this API returns exactly one choice; send several requests for more" })
      .nullish(),
    user: z.string().max(256).optional().describe("The end user, for the tenant's own abuse monitoring"),
    stream: z
      .literal(false, {
        error:
          "streaming is not supported: this API answers with one complete response; omit stream or set it to false",
      })
      .nullish(),
    metadata: metadata.nullish(),
    tools: z
      .array(z.unknown())
      .max(0, "tools are not supported: this API returns text only; omit tools")
      .nullish(),
  })
  .superRefine((request, ctx) => {
    const total = request.messages.reduce((sum, message) => sum + contentText(message.content).length, 0);
    if (total > maxTotalContentChars) {
      ctx.addIssue({
        code: "custom",
        path: ["messages"],
        message: `hold ${total} characters in all; the limit is ${maxTotalContentChars}: shorten or drop earlier messages`,
      });
    }
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
  })
  .meta({ id: "CompletionUsage" });

/** A chat completion, in OpenAI's `chat.completion` object shape, with exactly one choice. */
export const chatCompletionSchema = z
  .strictObject({
    id: z.string().regex(/^chatcmpl-[A-Za-z0-9_-]{1,64}$/),
    object: z.literal("chat.completion"),
    created: z.int().min(0).describe("Unix seconds when the completion was created"),
    model: modelKey,
    choices: z
      .array(
        z.strictObject({
          index: z.int().min(0),
          message: z.strictObject({
            role: z.literal("assistant"),
            content: z.string(),
            refusal: z.null(),
          }),
          finish_reason: z.enum(["stop", "length", "content_filter"]),
          logprobs: z.null(),
        }),
      )
      .length(1),
    usage: completionUsageSchema,
  })
  .meta({ id: "ChatCompletion" });

/** A chat completion response body. */
export type ChatCompletion = z.output<typeof chatCompletionSchema>;
