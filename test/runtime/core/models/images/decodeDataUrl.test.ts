import { describe, expect, it } from "vitest";
import { decodeDataUrl } from "../../../../../runtime/core/models/images/decodeDataUrl.ts";
import { maxImageBytes } from "../../../../../runtime/core/models/images/maxImageBytes.ts";

const pngBytes = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);
const path = "body.messages[0].content[1].image_url.url";

describe("decodeDataUrl", () => {
  it("decodes an image and reads its type from its bytes, not from the declared type", () => {
    const image = decodeDataUrl(`data:image/jpeg;base64,${pngBytes.toString("base64")}`, path);

    expect(image).toMatchObject({ type: "image", mediaType: "image/png" });
    expect(Buffer.from(image.data).equals(pngBytes)).toBe(true);
  });

  it.each([
    ["not base64", "data:image/png;base64,@@@", "must be a data URL"],
    [
      "not an image",
      `data:image/png;base64,${Buffer.from("%PDF-1.7").toString("base64")}`,
      "is not a PNG, JPEG, GIF or WebP",
    ],
    [
      "too large",
      `data:image/png;base64,${Buffer.concat([pngBytes, Buffer.alloc(maxImageBytes)]).toString("base64")}`,
      `images may be at most ${maxImageBytes} bytes`,
    ],
  ])("refuses a URL that is %s, naming the part", (_case, url, message) => {
    const attempt = () => decodeDataUrl(url, path);

    expect(attempt).toThrow(
      expect.objectContaining({ code: "VALIDATION_FAILED", fields: [expect.objectContaining({ path })] }),
    );
    expect(attempt).toThrow(message);
  });
});
