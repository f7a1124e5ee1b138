import { describe, expect, it } from "vitest";
import { readBoundedText } from "../../../../runtime/core/models/readBoundedText.ts";

/** A response whose body arrives in chunks, without a Content-Length, recording how many chunks were pulled. */
function chunkedResponse(chunks: string[]): { response: Response; pulled: () => number } {
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(new TextEncoder().encode(chunk));
    },
  });
  return { response: new Response(body), pulled: () => index };
}

describe("readBoundedText", () => {
  it("reads a body within the bound, multi-byte characters split across chunks included", async () => {
    const euro = new TextEncoder().encode("€");
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(euro.slice(0, 1));
        controller.enqueue(euro.slice(1));
        controller.close();
      },
    });

    expect(await readBoundedText(new Response(body), 3)).toBe("€");
  });

  it("gives undefined for a declared Content-Length over the bound", async () => {
    const response = new Response("x".repeat(100), { headers: { "content-length": "100" } });

    expect(await readBoundedText(response, 99)).toBeUndefined();
  });

  it("stops reading a streamed body as soon as it passes the bound", async () => {
    const { response, pulled } = chunkedResponse(Array.from({ length: 100 }, () => "x".repeat(10)));

    const text = await readBoundedText(response, 25);

    expect(text).toBeUndefined();
    expect(pulled()).toBeLessThan(10);
  });

  it("reads an empty body as the empty string", async () => {
    expect(await readBoundedText(new Response(null), 10)).toBe("");
  });
});
