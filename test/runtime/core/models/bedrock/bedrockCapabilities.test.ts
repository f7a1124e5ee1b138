import { describe, expect, it } from "vitest";
import {
  bedrockCapabilitiesOf,
  unknownBedrockModelCapabilities,
} from "../../../../../runtime/core/models/bedrock/bedrockCapabilities.ts";

describe("bedrockCapabilitiesOf", () => {
  it.each([
    ["anthropic.claude-sonnet-4-20250514-v1:0", { images: true, tools: true, forcedToolChoice: true }],
    // AWS's Converse feature table gives Claude 3.5 Haiku no vision, unlike the Claude models around it.
    ["us.anthropic.claude-3-5-haiku-20241022-v1:0", { images: false, tools: true, forcedToolChoice: true }],
    ["anthropic.claude-3-5-sonnet-20241022-v2:0", { images: true, tools: true, forcedToolChoice: true }],
    ["us.anthropic.claude-haiku-4-5-20251001-v1:0", { images: true, tools: true, forcedToolChoice: true }],
    ["anthropic.claude-v2:1", { images: false, tools: false, forcedToolChoice: false }],
    ["eu.amazon.nova-micro-v1:0", { images: false, tools: true, forcedToolChoice: true }],
    ["apac.amazon.nova-lite-v1:0", { images: true, tools: true, forcedToolChoice: true }],
    ["amazon.nova-pro-v1:0", { images: true, tools: true, forcedToolChoice: true }],
    ["meta.llama3-1-70b-instruct-v1:0", { images: false, tools: true, forcedToolChoice: false }],
    ["us.meta.llama3-2-90b-instruct-v1:0", { images: true, tools: true, forcedToolChoice: false }],
    ["meta.llama3-8b-instruct-v1:0", { images: false, tools: false, forcedToolChoice: false }],
  ])("reads %s as a chat model with %j", (modelId, expected) => {
    expect(bedrockCapabilitiesOf(modelId)).toMatchObject({ kind: "chat", ...expected });
  });

  it.each([
    ["amazon.titan-text-express-v1", false],
    ["amazon.titan-text-premier-v1:0", false],
    ["amazon.nova-micro-v1:0", true],
    ["anthropic.claude-sonnet-4-20250514-v1:0", true],
    ["newvendor.shiny-model-v1:0", true],
  ])("reads whether %s takes a system prompt: %s", (modelId, systemPrompts) => {
    expect(bedrockCapabilitiesOf(modelId).systemPrompts).toBe(systemPrompts);
  });

  it.each([
    ["amazon.titan-embed-text-v2:0", "titan-v2"],
    ["cohere.embed-english-v3", "cohere-v3"],
    ["cohere.embed-multilingual-v3", "cohere-v3"],
    ["cohere.embed-v4:0", "cohere-v4"],
    ["eu.cohere.embed-v4:0", "cohere-v4"],
  ])("reads %s as an embedding model of family %s", (modelId, embeddingFamily) => {
    expect(bedrockCapabilitiesOf(modelId)).toMatchObject({ kind: "embedding", embeddingFamily });
  });

  it("lets an unknown model have text, images and tools, for Bedrock to refuse what it lacks", () => {
    expect(bedrockCapabilitiesOf("newvendor.shiny-model-v1:0")).toBe(unknownBedrockModelCapabilities);
    expect(unknownBedrockModelCapabilities).toMatchObject({ kind: "chat", images: true, tools: true });
  });

  it("does not strip a geography that is not one", () => {
    expect(bedrockCapabilitiesOf("xx.amazon.nova-micro-v1:0")).toBe(unknownBedrockModelCapabilities);
  });
});
