/** How a Bedrock model is called for embeddings: each family has its own InvokeModel body. */
export type BedrockEmbeddingFamily = "titan-v2" | "cohere-v3" | "cohere-v4";

/** What a Bedrock model accepts, so a request it cannot serve is refused before the call. */
export interface BedrockCapabilities {
  /** `chat`: Converse and ConverseStream; `embedding`: InvokeModel with the family's body. */
  readonly kind: "chat" | "embedding";
  /** Image blocks in user messages. */
  readonly images: boolean;
  /** `toolConfig` (tool definitions, and toolUse/toolResult blocks in the history). */
  readonly tools: boolean;
  /**
   * `toolChoice` `any` and `tool`, which `tool_choice: "required"`, a named tool and JSON output (a forced
   * synthetic tool) need; Converse offers only `auto` on the other models.
   */
  readonly forcedToolChoice: boolean;
  /**
   * `toolChoice` `tool` (one named tool), which AWS documents for Anthropic Claude and Amazon Nova only; a
   * model with `any` but not `tool` (Mistral Large) can still be made to call a tool it is offered alone.
   */
  readonly specificToolChoice: boolean;
  /**
   * Stop sequences that are only whitespace (OpenAI clients often send `"\n"`); Anthropic's models refuse
   * them ("each stop sequence must contain non-whitespace").
   */
  readonly whitespaceStopSequences: boolean;
  /** `system` prompts; Amazon Titan's text models take none. */
  readonly systemPrompts: boolean;
  /**
   * Most output tokens (`maxTokens`) the model takes, where AWS documents the limit; undefined: not recorded,
   * and Bedrock judges.
   */
  readonly maxOutputTokens?: number | undefined;
  /** The InvokeModel body family, for `embedding` models. */
  readonly embeddingFamily?: BedrockEmbeddingFamily | undefined;
}

const chat = (
  images: boolean,
  tools: boolean,
  forcedToolChoice: boolean,
  {
    whitespaceStopSequences = true,
    systemPrompts = true,
    specificToolChoice = forcedToolChoice,
    maxOutputTokens,
  }: {
    whitespaceStopSequences?: boolean;
    systemPrompts?: boolean;
    specificToolChoice?: boolean;
    maxOutputTokens?: number;
  } = {},
): BedrockCapabilities => ({
  kind: "chat",
  images,
  tools,
  forcedToolChoice,
  specificToolChoice,
  whitespaceStopSequences,
  systemPrompts,
  ...(maxOutputTokens === undefined ? {} : { maxOutputTokens }),
});
const embedding = (embeddingFamily: BedrockEmbeddingFamily): BedrockCapabilities => ({
  kind: "embedding",
  images: false,
  tools: false,
  forcedToolChoice: false,
  specificToolChoice: false,
  whitespaceStopSequences: false,
  systemPrompts: false,
  embeddingFamily,
});
const anthropic = { whitespaceStopSequences: false };

/**
 * Model id prefixes and what the models behind them accept, from AWS's table of Converse features per
 * model (https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-supported-models-features.html).
 * The longest matching prefix wins, so a specific family (`anthropic.claude-v2`) can narrow a broad one.
 */
export const bedrockCapabilityTable: Readonly<Record<string, BedrockCapabilities>> = {
  "anthropic.claude": chat(true, true, true, anthropic), // Claude 3, 3.5, 3.7, 4 and later
  "anthropic.claude-3-5-haiku": chat(false, true, true, anthropic), // no vision in AWS's table
  "anthropic.claude-v2": chat(false, false, false, anthropic),
  "anthropic.claude-instant": chat(false, false, false, anthropic),
  "amazon.nova-micro": chat(false, true, true),
  "amazon.nova-lite": chat(true, true, true),
  "amazon.nova-pro": chat(true, true, true),
  "amazon.nova-premier": chat(true, true, true),
  "amazon.titan-text": chat(false, false, false, { systemPrompts: false }),
  // maxTokenCount's maxima, "strictly enforced" (model-parameters-titan-text.html).
  "amazon.titan-text-lite": chat(false, false, false, { systemPrompts: false, maxOutputTokens: 4096 }),
  "amazon.titan-text-express": chat(false, false, false, { systemPrompts: false, maxOutputTokens: 8192 }),
  "amazon.titan-text-premier": chat(false, false, false, { systemPrompts: false, maxOutputTokens: 3072 }),
  "amazon.titan-embed-text-v2": embedding("titan-v2"),
  "cohere.embed-english-v3": embedding("cohere-v3"),
  "cohere.embed-multilingual-v3": embedding("cohere-v3"),
  "cohere.embed-v4": embedding("cohere-v4"),
  "cohere.command-r": chat(false, true, false),
  "cohere.command": chat(false, false, false),
  "meta.llama3-1": chat(false, true, false),
  "meta.llama3-2-11b": chat(true, true, false),
  "meta.llama3-2-90b": chat(true, true, false),
  "meta.llama3-3": chat(false, true, false),
  "meta.llama4": chat(true, true, false),
  "meta.llama": chat(false, false, false),
  // `tool` choice is "only supported by Anthropic Claude 3 and Amazon Nova models" (API reference, ToolChoice).
  "mistral.mistral-large": chat(false, true, true, { specificToolChoice: false }),
  "mistral.pixtral-large": chat(true, true, true, { specificToolChoice: false }),
  "mistral.": chat(false, false, false),
  "ai21.jamba": chat(false, true, false),
  "deepseek.": chat(false, false, false),
};

/**
 * A model id not in the table: Bedrock adds models faster than this table follows, and refusing them would
 * block a model the platform team has just allowlisted. Everything is let through: Bedrock refuses an image
 * block, a toolConfig or a toolChoice the model lacks with a ValidationException (MODEL_REQUEST_REJECTED),
 * so nothing is silently dropped either way.
 */
export const unknownBedrockModelCapabilities: BedrockCapabilities = chat(true, true, true);

/** Cross-region inference profile ids put a geography before the model id (`us.anthropic.claude-...`). */
const geographyPrefix = /^(?:us|eu|apac|us-gov|global|jp|au|ca)\./;

/**
 * What the Bedrock model `providerModelId` (the allowlist's `modelId`, with or without a geography prefix)
 * accepts.
 *
 * @example
 * bedrockCapabilitiesOf("eu.amazon.nova-micro-v1:0"); // { kind: "chat", images: false, tools: true, ... }
 */
export function bedrockCapabilitiesOf(providerModelId: string): BedrockCapabilities {
  const modelId = providerModelId.replace(geographyPrefix, "");
  let best: string | undefined;
  for (const prefix of Object.keys(bedrockCapabilityTable)) {
    if (modelId.startsWith(prefix) && prefix.length > (best?.length ?? 0)) best = prefix;
  }
  return best === undefined
    ? unknownBedrockModelCapabilities
    : (bedrockCapabilityTable[best] ?? unknownBedrockModelCapabilities);
}
