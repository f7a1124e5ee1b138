import type { ContentBlock } from "@aws-sdk/client-bedrock-runtime";
import { maxImageBytes } from "../images/maxImageBytes.ts";
import { ModelUnsupportedParameterError } from "../modelErrors.ts";
import type { ModelContentPart } from "../modelTypes.ts";
import { imageDimensions } from "./imageDimensions.ts";

/**
 * Converse's limits on the images of one request: at most 20, each at most 3.75 MB and 8,000 pixels wide
 * and high.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Message.html
 */
export const converseImageLimits = { count: 20, bytes: maxImageBytes, pixels: 8000 } as const;

const imageFormats = {
  "image/png": "png",
  "image/jpeg": "jpeg",
  "image/gif": "gif",
  "image/webp": "webp",
} as const;

type Context = { readonly provider: "bedrock"; readonly modelKey: string };
type ImagePart = Extract<ModelContentPart, { type: "image" }>;

/**
 * The image block of a user message's image part `param`, refusing one Converse would refuse with a
 * ValidationException (after the ledger had reserved the call): larger than 3.75 MB, or wider or higher than
 * 8,000 pixels, as its header says. An image whose header cannot be read is sent, for Bedrock to judge.
 *
 * @example
 * converseImageBlock({ type: "image", mediaType: "image/png", data }, "messages[0].content[1]", context);
 * // { image: { format: "png", source: { bytes: data } } }
 */
export function converseImageBlock(part: ImagePart, param: string, context: Context): ContentBlock {
  const { bytes, pixels } = converseImageLimits;
  if (part.data.length > bytes) {
    throw new ModelUnsupportedParameterError({
      ...context,
      param,
      problem: `is ${part.data.length} bytes, and Bedrock takes images of at most ${bytes} bytes (3.75 MB)`,
      fix: "downscale or compress the image",
    });
  }
  const size = imageDimensions(part.data, part.mediaType);
  if (size !== undefined && (size.width > pixels || size.height > pixels)) {
    throw new ModelUnsupportedParameterError({
      ...context,
      param,
      problem: `is ${size.width} x ${size.height} pixels, and Bedrock takes images of at most ${pixels} x ${pixels}`,
      fix: `downscale the image so that neither side is over ${pixels} pixels`,
    });
  }
  return { image: { format: imageFormats[part.mediaType], source: { bytes: part.data } } };
}

/** Refuses a request with more images than Converse takes (see {@link converseImageLimits}). */
export function requireConverseImageCount(imageCount: number, context: Context): void {
  const { count } = converseImageLimits;
  if (imageCount <= count) return;
  throw new ModelUnsupportedParameterError({
    ...context,
    param: "messages",
    problem: `hold ${imageCount} images, and Bedrock takes at most ${count} per request`,
    fix: `send at most ${count} images, e.g. by leaving out those of earlier turns`,
  });
}
