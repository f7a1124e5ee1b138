import { describe, expect, it } from "vitest";
import { readChatStream } from "../../../../runtime/smoke/checks/readChatStream.ts";
import { answerChunks, chunk, sseBody, usageChunk } from "./chatStreamBody.ts";

describe("readChatStream", () => {
  it("joins the content deltas and reads the finish reason and usage of a well-formed stream", () => {
    const body = sseBody(answerChunks(["echo: ", "hello ", "there"]));

    const stream = readChatStream(body, { includeUsage: true });

    expect(stream.problems).toEqual([]);
    expect(stream.text).toBe("echo: hello there");
    expect(stream.finishReason).toBe("stop");
    expect(stream.usage).toEqual({ prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 });
    expect(stream.chunks).toHaveLength(6);
  });

  it("reads events split across lines and separated by CRLF, as SSE allows", () => {
    const body = sseBody(answerChunks(["ok"])).replaceAll("\n", "\r\n");

    expect(readChatStream(`: keep-alive\r\n\r\n${body}`, { includeUsage: true }).problems).toEqual([]);
  });

  it("reports a stream without [DONE], events after it, and a stream with no events", () => {
    const chunks = answerChunks(["ok"]);

    expect(readChatStream(sseBody(chunks, false), { includeUsage: true }).problems).toEqual([
      "does not end with data: [DONE]",
    ]);
    expect(
      readChatStream(`${sseBody(chunks)}data: ${JSON.stringify(usageChunk())}\n\n`, { includeUsage: true })
        .problems,
    ).toEqual(["1 event(s) after [DONE]"]);
    expect(readChatStream("", { includeUsage: false }).problems).toEqual(["no data events"]);
  });

  it("reports an error event after the first byte with its message", () => {
    const body = sseBody(
      [
        chunk({ role: "assistant", content: "" }),
        { error: { message: "the model provider failed", type: "server_error" }, requestId: "req-1" },
      ],
      false,
    );

    expect(readChatStream(body, { includeUsage: false }).problems).toEqual([
      "does not end with data: [DONE]",
      "error event at chunk 1: the model provider failed",
      "no chunk carries a finish_reason",
    ]);
  });

  it("reports a chunk that is not a ChatCompletionChunk, naming where", () => {
    const body = sseBody([chunk({ content: 42 }), chunk({}, "stop"), "not json"]);

    expect(readChatStream(body, { includeUsage: false }).problems).toEqual([
      "chunk 0 is not a ChatCompletionChunk: choices.0.delta.content: Invalid input: expected string, received number",
      expect.stringMatching(/^chunk 2 is not a ChatCompletionChunk: body: /),
    ]);
  });

  it("reports chunks of two completions and a missing or wrong usage chunk", () => {
    const other = { ...chunk({ content: "b" }), id: "chatcmpl-other" };

    expect(
      readChatStream(sseBody([chunk({ content: "a" }), other, chunk({}, "stop")]), { includeUsage: true })
        .problems,
    ).toEqual([
      "chunks of 2 completion ids: chatcmpl-0b7e6f9c, chatcmpl-other",
      "include_usage asked for a last chunk with the usage; there is none",
    ]);
    expect(
      readChatStream(sseBody([chunk({ content: "a" }, "stop"), usageChunk(10, 3, 14)]), {
        includeUsage: true,
      }).problems,
    ).toEqual(["the usage does not add up: 10 + 3 != 14"]);
  });
});
