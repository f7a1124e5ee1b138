import type { ModelImageType } from "../modelTypes.ts";

/**
 * The image type of some bytes, read from their signature (magic number) rather than from what the sender
 * claims: PNG, JPEG, GIF or WebP, the types every provider of the kit accepts; undefined for anything else.
 *
 * @example
 * imageType(Buffer.from("89504e470d0a1a0a", "hex")); // "image/png"
 */
export function imageType(bytes: Uint8Array): ModelImageType | undefined {
  const starts = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x47, 0x49, 0x46, 0x38)) return "image/gif";
  const riff = starts(0x52, 0x49, 0x46, 0x46);
  const webp = bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50;
  if (riff && webp) return "image/webp";
  return undefined;
}
