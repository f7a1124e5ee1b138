import { describe, expect, it } from "vitest";
import { BedrockStandIn } from "../../../../runtime/core/models/bedrockStandIn.ts";
import { EchoProvider } from "../../../../runtime/core/models/echoProvider.ts";
import type { ModelRequest } from "../../../../runtime/core/models/modelTypes.ts";

const standIn = new BedrockStandIn(
  new EchoProvider(),
  new Map([
    ["claude-sonnet", "us.anthropic.claude-sonnet-4-20250514-v1:0"],
    ["nova-micro", "amazon.nova-micro-v1:0"],
    ["titan-embed", "amazon.titan-embed-text-v2:0"],
  ]),
);
const signal = new AbortController().signal;

const chat = (modelKey: string, overrides: Partial<ModelRequest> = {}): ModelRequest => ({
  modelKey,
  providerModelId: "echo-1",
  messages: [{ role: "user", content: "hi" }],
  maxTokens: 100,
  requestId: "req-1",
  ...overrides,
});

describe("BedrockStandIn", () => {
  it("answers as echo what the Bedrock model would take", async () => {
    await expect(standIn.complete(chat("claude-sonnet"), { signal })).resolves.toMatchObject({
      content: "echo: hi",
    });
  });

  it.each([
    ["n > 1", "claude-sonnet", { n: 2 }, "n"],
    ["logprobs", "claude-sonnet", { logprobs: { top: 0 } }, "logprobs"],
    [
      "an image to a text-only model",
      "nova-micro",
      {
        messages: [
          {
            role: "user" as const,
            content: [{ type: "image" as const, mediaType: "image/png" as const, data: new Uint8Array(8) }],
          },
        ],
      },
      "messages[0].content[0]",
    ],
  ])("refuses %s as Bedrock would, naming the parameter", async (_case, modelKey, overrides, param) => {
    await expect(standIn.complete(chat(modelKey, overrides), { signal })).rejects.toMatchObject({
      code: "MODEL_UNSUPPORTED_PARAMETER",
      provider: "bedrock",
      param,
    });
    await expect(
      standIn.stream(chat(modelKey, overrides), { signal })[Symbol.asyncIterator]().next(),
    ).rejects.toMatchObject({
      code: "MODEL_UNSUPPORTED_PARAMETER",
      param,
    });
  });

  it("leaves a model it does not stand in for to echo", async () => {
    const answer = await standIn.complete(chat("echo", { n: 2 }), { signal });

    expect(answer.otherChoices).toHaveLength(1);
  });

  it("embeds at the model's default length, and refuses a length the model does not offer", async () => {
    const embedding = {
      modelKey: "titan-embed",
      providerModelId: "echo-embed-1",
      inputs: ["a"],
      requestId: "r",
    };

    const answer = await standIn.embed(embedding, { signal });
    const refused = standIn.embed({ ...embedding, dimensions: 1536 }, { signal });

    expect(answer.vectors[0]).toHaveLength(1024);
    await expect(refused).rejects.toMatchObject({ code: "MODEL_UNSUPPORTED_PARAMETER", param: "dimensions" });
  });
});
