import type { ModelImageType } from "../modelTypes.ts";

/** An image's size in pixels. */
export interface ImageDimensions {
  readonly width: number;
  readonly height: number;
}

/**
 * The width and height of a PNG, JPEG, GIF or WebP, read from its header (PNG's IHDR, JPEG's first
 * start-of-frame marker, GIF's logical screen, WebP's VP8, VP8L or VP8X chunk); undefined when the bytes
 * do not hold a readable header, so the caller can let the provider judge them.
 *
 * @example
 * imageDimensions(pngBytes, "image/png"); // { width: 1024, height: 768 }
 */
export function imageDimensions(bytes: Uint8Array, mediaType: ModelImageType): ImageDimensions | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fits = (offset: number, length: number) => offset + length <= bytes.length;
  switch (mediaType) {
    case "image/png":
      // Signature (8), IHDR length (4) and type (4), then width and height, big-endian.
      return fits(16, 8) && chunkName(bytes, 12) === "IHDR"
        ? { width: view.getUint32(16), height: view.getUint32(20) }
        : undefined;
    case "image/gif":
      return fits(6, 4) ? { width: view.getUint16(6, true), height: view.getUint16(8, true) } : undefined;
    case "image/webp":
      return webpDimensions(bytes, view, fits);
    case "image/jpeg":
      return jpegDimensions(bytes, view, fits);
  }
}

function webpDimensions(
  bytes: Uint8Array,
  view: DataView,
  fits: (offset: number, length: number) => boolean,
): ImageDimensions | undefined {
  if (!fits(12, 4)) return undefined;
  const chunk = chunkName(bytes, 12);
  if (chunk === "VP8X" && fits(24, 6)) {
    const uint24 = (offset: number) =>
      (bytes[offset] ?? 0) | ((bytes[offset + 1] ?? 0) << 8) | ((bytes[offset + 2] ?? 0) << 16);
    return { width: uint24(24) + 1, height: uint24(27) + 1 };
  }
  if (chunk === "VP8L" && fits(21, 4)) {
    const bits = view.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === "VP8 " && fits(26, 4)) {
    return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  }
  return undefined;
}

function jpegDimensions(
  bytes: Uint8Array,
  view: DataView,
  fits: (offset: number, length: number) => boolean,
): ImageDimensions | undefined {
  let offset = 2;
  while (fits(offset, 4)) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1] ?? 0;
    // Fill bytes, and standalone markers without a length.
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      offset += 2;
      continue;
    }
    const length = view.getUint16(offset + 2);
    // SOF0 to SOF15 but DHT (C4), JPG (C8) and DAC (CC): precision, then height and width.
    const startOfFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (startOfFrame) {
      return fits(offset + 5, 4)
        ? { width: view.getUint16(offset + 7), height: view.getUint16(offset + 5) }
        : undefined;
    }
    // Start of scan or end of image before any frame header: nothing to read.
    if (marker === 0xda || marker === 0xd9 || length < 2) return undefined;
    offset += 2 + length;
  }
  return undefined;
}

/** The four ASCII characters at `offset`: a PNG or RIFF chunk's name. */
function chunkName(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + 4));
}
