import { Buffer } from "node:buffer";

/**
 * A fetch response's body as UTF-8 text, or undefined when it is larger than `maxBytes`; a larger body is
 * never read in full (the stream is cancelled), so a faulty or hostile upstream cannot exhaust memory.
 *
 * @example
 * const text = await readBoundedText(response, 8 * 1024 * 1024);
 * if (text === undefined) throw new Error("body too large");
 */
export async function readBoundedText(response: Response, maxBytes: number): Promise<string | undefined> {
  const declaredBytes = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declaredBytes > maxBytes) {
    await response.body?.cancel();
    return undefined;
  }
  if (response.body === null) return "";
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  // Leaving the loop early cancels the stream.
  for await (const chunk of response.body) {
    bytes += chunk.byteLength;
    if (bytes > maxBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
