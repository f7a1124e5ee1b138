import { expect } from "vitest";
import * as z from "zod";
import { echoEmbedding } from "../../../runtime/core/models/echo/echoEmbedding.ts";
import { upstreamEmbedding } from "../../support/openAiUpstream/index.ts";

/** A way the platform serves a tenant's models, with what its deterministic answers look like. */
export interface ClientBackend {
  /** `echo` (bedrock models served by the echo provider) or `upstream` (the OpenAI-compatible test server). */
  readonly name: "echo" | "upstream";
  readonly tenantId: string;
  readonly chatModel: string;
  /** A chat model that honours `n` and `logprobs` (echo's own on the echo backend: Bedrock refuses them). */
  readonly choicesModel: string;
  readonly embeddingModel: string;
  /** The answer to a last user message `text` (no tools, no response format). */
  said(text: string): string;
  /** The answer once the conversation ends with the tool message `content` of tool `name`. */
  toolReturned(name: string, content: string): string;
  /** The answer to `text` followed by one PNG image of `bytes` bytes. */
  saidWithImage(text: string, bytes: number): string;
  /** The embedding of `text` at the model's default dimensions. */
  embedding(text: string): number[];
}

export const echoBackend: ClientBackend = {
  name: "echo",
  tenantId: "echo-app",
  chatModel: "claude-sonnet",
  choicesModel: "echo-chat",
  embeddingModel: "echo-embed",
  said: (text) => `echo: ${text}`,
  toolReturned: (name, content) => `echo: tool ${name} returned ${content}`,
  saidWithImage: (text, bytes) => `echo: ${text} [image image/png ${bytes} bytes]`,
  embedding: (text) => echoEmbedding(text, 1536),
};

export const upstreamBackend: ClientBackend = {
  name: "upstream",
  tenantId: "upstream-app",
  chatModel: "gpt-4o-mini",
  choicesModel: "gpt-4o-mini",
  embeddingModel: "text-embedding-3-small",
  said: (text) => `You said: ${text}`,
  toolReturned: (_name, content) => `Tool results: ${content}`,
  saidWithImage: (text) => `You said: ${text} (with 1 image)`,
  embedding: (text) => upstreamEmbedding(text, 8),
};

export const clientBackends = [echoBackend, upstreamBackend] as const;

/**
 * A last user message that makes either backend call `get_weather`: echo reads the `[[silo:call:...]]`
 * directive, the upstream `call <tool>`.
 */
export const callWeather = "call get_weather [[silo:call:get_weather]]";

/** The JSON Schema of the `get_weather` tool's arguments. */
export const weatherParameters = {
  type: "object",
  properties: { city: { type: "string", description: "City name" } },
  required: ["city"],
  additionalProperties: false,
} as const;

/** A 1x1 PNG. */
export const pngBase64 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
export const pngDataUrl = `data:image/png;base64,${pngBase64}`;
export const pngBytes = Buffer.from(pngBase64, "base64").length;

/** A float as a float32 rounds it: base64 embeddings carry float32s. */
export const asFloat32 = (vector: readonly number[]): number[] => Array.from(new Float32Array(vector));

/** The `get_weather` tool as the OpenAI wire format (and LangChain's `bindTools`) takes it. */
export const weatherTool = {
  type: "function" as const,
  function: { name: "get_weather", description: "The weather in a city", parameters: weatherParameters },
};

/** An event schema for structured output, in zod 4. */
export const Event = z.object({ name: z.string(), attendees: z.array(z.string()), day: z.number() });

/** Matches a vector equal to `expected` to float32 precision, whatever encoding the client asked for. */
export function closeTo(expected: readonly number[]): unknown[] {
  return expected.map((value) => expect.closeTo(value, 6));
}
