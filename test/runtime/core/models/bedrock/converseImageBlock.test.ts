import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bedrockCapabilitiesOf } from "../../../../../runtime/core/models/bedrock/bedrockCapabilities.ts";
import { converseImageBlock } from "../../../../../runtime/core/models/bedrock/converseImageBlock.ts";
import { converseRequest } from "../../../../../runtime/core/models/bedrock/converseRequest.ts";
import type { ModelError } from "../../../../../runtime/core/models/modelErrors.ts";
import type { ModelContentPart, ModelImageType } from "../../../../../runtime/core/models/modelTypes.ts";
import { profileArn, bedrockRequest as request } from "../support/bedrockRequest.ts";

const context = { provider: "bedrock", modelKey: "claude-sonnet" } as const;
const claude = bedrockCapabilitiesOf("anthropic.claude-sonnet-4-20250514-v1:0");

const image = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../../fixtures/bedrock/images/${name}`, import.meta.url)));

function refusal(act: () => unknown): ModelError & { param?: string } {
  try {
    act();
  } catch (error) {
    return error as ModelError & { param?: string };
  }
  throw new Error("the image was accepted");
}

describe("converseImageBlock", () => {
  it("sends an image within Converse's limits as an image block", () => {
    const data = image("ok.jpg");

    const block = converseImageBlock({ type: "image", mediaType: "image/jpeg", data }, "p", context);

    expect(block).toStrictEqual({ image: { format: "jpeg", source: { bytes: data } } });
  });

  it.each([
    ["wide.png", "image/png", "8001 x 2"],
    ["tall.jpg", "image/jpeg", "2 x 8001"],
    ["wide.gif", "image/gif", "8001 x 1"],
    ["tall-lossy.webp", "image/webp", "3 x 8001"],
  ] as const)("refuses %s, over 8,000 pixels on a side, naming the content part", (name, mediaType, size) => {
    const part = { type: "image", mediaType, data: image(name) } as const;

    const error = refusal(() => converseImageBlock(part, "messages[0].content[1]", context));

    expect(error).toMatchObject({ code: "MODEL_UNSUPPORTED_PARAMETER", param: "messages[0].content[1]" });
    expect(error.message).toBe(
      `messages[0].content[1]: is ${size} pixels, and Bedrock takes images of at most 8000 x 8000 for model "claude-sonnet" (bedrock); downscale the image so that neither side is over 8000 pixels`,
    );
  });

  it("refuses an image over 3.75 MB", () => {
    const data = new Uint8Array(3_750_001);
    data.set(image("ok.png"));

    const error = refusal(() =>
      converseImageBlock({ type: "image", mediaType: "image/png", data }, "messages[0].content[0]", context),
    );

    expect(error).toMatchObject({ code: "MODEL_UNSUPPORTED_PARAMETER", param: "messages[0].content[0]" });
    expect(error.message).toContain("is 3750001 bytes, and Bedrock takes images of at most 3750000 bytes");
  });

  it("sends an image whose header it cannot read, for Bedrock to judge", () => {
    const data = new Uint8Array([0xff, 0xd8, 0xff]);

    const block = converseImageBlock({ type: "image", mediaType: "image/jpeg", data }, "p", context);

    expect(block.image?.source?.bytes).toBe(data);
  });

  it("refuses more than 20 images in one request, counted over every message, naming messages", () => {
    // Prepare: 11 images in each of two user turns.
    const parts = (mediaType: ModelImageType): ModelContentPart[] =>
      Array.from({ length: 11 }, () => ({ type: "image", mediaType, data: image("ok.png") }));
    const messages = [
      { role: "user", content: parts("image/png") },
      { role: "assistant", content: "Two cats." },
      { role: "user", content: parts("image/png") },
    ] as const;

    // Act
    const error = refusal(() => converseRequest(request({ messages }), profileArn, claude));

    // Assess
    expect(error).toMatchObject({ code: "MODEL_UNSUPPORTED_PARAMETER", param: "messages" });
    expect(error.message).toBe(
      'messages: hold 22 images, and Bedrock takes at most 20 per request for model "claude-sonnet" (bedrock); send at most 20 images, e.g. by leaving out those of earlier turns',
    );
  });
});
