import { Buffer } from "node:buffer";
import type { ModelContentPart } from "../modelTypes.ts";
import { invalidImage } from "./imageErrors.ts";
import { imageType } from "./imageType.ts";
import { maxImageBytes } from "./maxImageBytes.ts";

const dataUrl = /^data:(image\/[a-z+.-]+);base64,([A-Za-z0-9+/]*={0,2})$/;

/**
 * The image of a `data:image/...;base64,...` URL, its type read from the bytes (a PNG sent as
 * `image/jpeg` is still a PNG). Throws a 400 naming `path` for a malformed URL, an unsupported or
 * unrecognisable image, or one larger than {@link maxImageBytes}.
 *
 * @example
 * decodeDataUrl("data:image/png;base64,iVBORw0KGgo...", "messages[0].content[1].image_url.url");
 */
export function decodeDataUrl(url: string, path: string): Extract<ModelContentPart, { type: "image" }> {
  const match = dataUrl.exec(url);
  if (match === null) {
    throw invalidImage(path, "must be a data URL of the form data:image/png;base64,<base64 bytes>");
  }
  const data = Buffer.from(match[2] ?? "", "base64");
  if (data.length > maxImageBytes) {
    throw invalidImage(
      path,
      `is ${data.length} bytes; images may be at most ${maxImageBytes} bytes: downscale or compress it`,
    );
  }
  const mediaType = imageType(data);
  if (mediaType === undefined) {
    throw invalidImage(
      path,
      `is not a PNG, JPEG, GIF or WebP image (declared ${match[1]}); convert it to one of those`,
    );
  }
  return { type: "image", mediaType, data };
}
