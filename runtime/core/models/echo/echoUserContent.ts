import type { ModelContentPart } from "../modelTypes.ts";

/** How a user message reads to the echo provider. */
export interface EchoUserContent {
  /** The text parts, joined by a space: what directives are matched against. */
  readonly text: string;
  /** Every part in order, joined by a space, an image as `[image <type> <bytes> bytes]`: what is echoed. */
  readonly rendered: string;
}

/**
 * The text and the echoed form of a user message's content. Images are named by type and size rather than
 * described, so a test can assert that the provider received the image the client sent, byte for byte.
 *
 * @example
 * echoUserContent([{ type: "text", text: "what is this?" }, { type: "image", mediaType: "image/png", data }]);
 * // { text: "what is this?", rendered: "what is this? [image image/png 68 bytes]" }
 */
export function echoUserContent(content: string | readonly ModelContentPart[]): EchoUserContent {
  if (typeof content === "string") return { text: content, rendered: content };
  return {
    text: content.flatMap((part) => (part.type === "text" ? [part.text] : [])).join(" "),
    rendered: content
      .map((part) =>
        part.type === "text" ? part.text : `[image ${part.mediaType} ${part.data.byteLength} bytes]`,
      )
      .join(" "),
  };
}
