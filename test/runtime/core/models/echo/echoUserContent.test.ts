import { describe, expect, it } from "vitest";
import { echoUserContent } from "../../../../../runtime/core/models/echo/echoUserContent.ts";

const png = new Uint8Array(68);

describe("echoUserContent", () => {
  it("reads a string as both text and echo", () => {
    expect(echoUserContent("hi")).toEqual({ text: "hi", rendered: "hi" });
  });

  it("names images by type and size in the echo, and leaves them out of the text", () => {
    const content = [
      { type: "text", text: "what is" },
      { type: "image", mediaType: "image/png", data: png },
      { type: "text", text: "this?" },
      { type: "image", mediaType: "image/jpeg", data: new Uint8Array(3), detail: "low" },
    ] as const;

    expect(echoUserContent(content)).toEqual({
      text: "what is this?",
      rendered: "what is [image image/png 68 bytes] this? [image image/jpeg 3 bytes]",
    });
  });

  it("reads a single text part as its text, so directives work in parts too", () => {
    expect(echoUserContent([{ type: "text", text: "[[silo:error]]" }]).text).toBe("[[silo:error]]");
  });

  it("reads no parts as empty", () => {
    expect(echoUserContent([])).toEqual({ text: "", rendered: "" });
  });
});
