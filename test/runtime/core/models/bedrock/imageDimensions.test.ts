import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { imageDimensions } from "../../../../../runtime/core/models/bedrock/imageDimensions.ts";
import type { ModelImageType } from "../../../../../runtime/core/models/modelTypes.ts";

/** Images written by ImageMagick 6.9 and cwebp (libwebp), named for their shape. */
const image = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../../fixtures/bedrock/images/${name}`, import.meta.url)));

describe("imageDimensions", () => {
  it.each([
    ["ok.png", "image/png", 64, 48],
    ["wide.png", "image/png", 8001, 2],
    ["ok.gif", "image/gif", 64, 48],
    ["wide.gif", "image/gif", 8001, 1],
    ["ok.jpg", "image/jpeg", 640, 480],
    ["tall.jpg", "image/jpeg", 2, 8001],
    ["ok.webp", "image/webp", 64, 48],
    ["tall-lossy.webp", "image/webp", 3, 8001],
    ["wide-lossless.webp", "image/webp", 8001, 3],
    ["wide-alpha.webp", "image/webp", 8001, 2],
  ] as const)("reads %s as %s of %i x %i pixels", (name, mediaType, width, height) => {
    expect(imageDimensions(image(name), mediaType)).toStrictEqual({ width, height });
  });

  it.each([
    ["image/png", [0x89, 0x50, 0x4e, 0x47]],
    ["image/jpeg", [0xff, 0xd8, 0xff]],
    ["image/gif", [0x47, 0x49, 0x46]],
    ["image/webp", [0x52, 0x49, 0x46, 0x46]],
  ] as const)("gives undefined for a %s too short to hold its size", (mediaType, bytes) => {
    expect(imageDimensions(new Uint8Array(bytes), mediaType as ModelImageType)).toBeUndefined();
  });

  it("gives undefined for PNG bytes whose first chunk is not IHDR", () => {
    const png = image("wide.png");
    png.set([0x49, 0x44, 0x41, 0x54], 12); // "IDAT"

    expect(imageDimensions(png, "image/png")).toBeUndefined();
  });

  it("reads a JPEG within a larger buffer from its own offset", () => {
    // Prepare: Node's Buffers are views into a shared pool.
    const jpeg = image("tall.jpg");
    const pooled = new Uint8Array(jpeg.length + 7);
    pooled.set(jpeg, 7);

    // Act
    const size = imageDimensions(pooled.subarray(7), "image/jpeg");

    // Assess
    expect(size).toStrictEqual({ width: 2, height: 8001 });
  });
});
