import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  type ChatCompletion,
  chatCompletionRequestSchema,
  chatCompletionSchema,
} from "../../../../runtime/api/schemas/chatCompletions.ts";
import { problemSchema } from "../../../../runtime/api/schemas/problem.ts";

/** A request as the openai client sends it for a typical call, with fields this API ignores. */
const typicalRequest = {
  model: "claude-sonnet",
  messages: [
    { role: "system", content: "You are terse." },
    { role: "user", content: "Hello" },
    { role: "assistant", content: "Hi." },
    { role: "user", content: [{ type: "text", text: "What is 2+2?" }] },
  ],
  max_completion_tokens: 256,
  temperature: 0.2,
  top_p: 1,
  stop: ["\n\n"],
  n: 1,
  user: "user-42",
  stream: false,
  metadata: { feature: "support-chat" },
  frequency_penalty: 0,
  presence_penalty: 0,
  seed: 7,
};

function messagesOf(result: { error?: z.ZodError }) {
  return result.error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`) ?? [];
}

describe("chatCompletionRequestSchema", () => {
  it("accepts a typical openai-client body and keeps the fields it does not use", () => {
    const result = chatCompletionRequestSchema.safeParse(typicalRequest);

    expect(messagesOf(result)).toEqual([]);
    expect(result.data).toMatchObject({ model: "claude-sonnet", seed: 7 });
  });

  it("accepts the smallest request: a model and one message", () => {
    const result = chatCompletionRequestSchema.safeParse({
      model: "echo",
      messages: [{ role: "user", content: "hi" }],
    });

    expect(result.success).toBe(true);
  });

  it("accepts what the official clients send for streaming, tools, structured output and images", () => {
    const result = chatCompletionRequestSchema.safeParse({
      ...typicalRequest,
      stream: true,
      stream_options: { include_usage: true },
      tools: [
        {
          type: "function",
          function: { name: "lookup", parameters: { type: "object", properties: {} }, strict: true },
        },
      ],
      tool_choice: { type: "function", function: { name: "lookup" } },
      parallel_tool_calls: false,
      response_format: { type: "json_schema", json_schema: { name: "answer", schema: {}, strict: true } },
      seed: 7,
      messages: [
        { role: "developer", content: "Be brief." },
        {
          role: "user",
          content: [
            { type: "text", text: "What is this?" },
            { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=", detail: "low" } },
          ],
        },
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "call_1", type: "function", function: { name: "lookup", arguments: "{}" } }],
        },
        { role: "tool", content: "42", tool_call_id: "call_1" },
      ],
    });

    expect(result.success).toBe(true);
  });

  it("takes n from 1 to 128 (the providers refuse what they cannot give), and nothing else", () => {
    const taken = [1, 2, 128].map((n) => chatCompletionRequestSchema.safeParse({ ...typicalRequest, n }));
    const refused = [0, 129, 1.5].map((n) => chatCompletionRequestSchema.safeParse({ ...typicalRequest, n }));

    expect(taken.map((result) => result.success)).toEqual([true, true, true]);
    expect(refused.map((result) => messagesOf(result)[0])).toEqual([
      expect.stringMatching(/^n: /),
      expect.stringMatching(/^n: .*128/),
      expect.stringMatching(/^n: /),
    ]);
  });

  it("refuses a tool_choice naming a tool that is not offered, and a tool result answering no call", () => {
    const result = chatCompletionRequestSchema.safeParse({
      model: "echo",
      tools: [{ type: "function", function: { name: "lookup" } }],
      tool_choice: { type: "function", function: { name: "search" } },
      messages: [{ role: "tool", content: "42", tool_call_id: "call_9" }],
    });

    expect(messagesOf(result)).toEqual([
      'tool_choice: names "search", which is not in tools; offer it or name one of: lookup',
      'messages.0.tool_call_id: "call_9" answers no tool call of an earlier assistant message; send the assistant message with its tool_calls first',
    ]);
  });

  it("refuses what would change the answer's shape and cannot be honoured: audio, file parts, function role", () => {
    const result = chatCompletionRequestSchema.safeParse({
      model: "echo",
      modalities: ["text", "audio"],
      messages: [
        { role: "function", content: "42", name: "f" },
        { role: "user", content: [{ type: "input_audio", input_audio: { data: "", format: "wav" } }] },
      ],
    });

    expect(messagesOf(result)).toEqual([
      "messages.0.role: must be system, developer, user, assistant or tool; the deprecated function role is not supported (use tool)",
      'messages.1.content: must be a string or an array of "text" and "image_url" parts',
      'modalities.1: only "text" output is supported',
    ]);
  });

  it("takes logprobs with up to 20 top_logprobs, and refuses top_logprobs without logprobs or above 20", () => {
    const request = { model: "echo", messages: [{ role: "user", content: "hi" }] };

    const taken = chatCompletionRequestSchema.safeParse({ ...request, logprobs: true, top_logprobs: 20 });
    const alone = chatCompletionRequestSchema.safeParse({ ...request, top_logprobs: 2 });
    const tooMany = chatCompletionRequestSchema.safeParse({ ...request, logprobs: true, top_logprobs: 21 });

    expect(taken.success).toBe(true);
    expect(messagesOf(alone)).toEqual(["top_logprobs: needs logprobs: true; set it, or omit top_logprobs"]);
    expect(messagesOf(tooMany)).toEqual([expect.stringMatching(/^top_logprobs: .*20/)]);
  });

  it("rejects a model that is not a model key", () => {
    const result = chatCompletionRequestSchema.safeParse({ ...typicalRequest, model: "GPT 4o!" });

    expect(messagesOf(result)[0]).toMatch(/^model: must be a model key from the tenant's allowlist/);
  });

  it("bounds sizes: no messages, too many messages, one oversized message, too much content in all", () => {
    const message = (chars: number) => ({ role: "user", content: "x".repeat(chars) });

    const none = chatCompletionRequestSchema.safeParse({ model: "echo", messages: [] });
    const tooMany = chatCompletionRequestSchema.safeParse({
      model: "echo",
      messages: Array.from({ length: 257 }, () => message(1)),
    });
    const oversized = chatCompletionRequestSchema.safeParse({ model: "echo", messages: [message(200_001)] });
    const tooMuch = chatCompletionRequestSchema.safeParse({
      model: "echo",
      messages: Array.from({ length: 6 }, () => message(200_000)),
    });

    expect(messagesOf(none)).toEqual(["messages: must hold at least one message"]);
    expect(messagesOf(tooMany)).toEqual(["messages: must hold at most 256 messages"]);
    expect(messagesOf(oversized)).toEqual(["messages.0.content: must be at most 200000 characters"]);
    expect(messagesOf(tooMuch)).toEqual([
      "messages: hold 1200000 characters in all; the limit is 1000000: shorten or drop earlier messages",
    ]);
  });

  it("rejects out-of-range sampling and token limits", () => {
    const result = chatCompletionRequestSchema.safeParse({
      ...typicalRequest,
      temperature: 3,
      top_p: -0.1,
      max_tokens: 0,
    });

    expect(messagesOf(result).map((line) => line.split(":")[0])).toEqual([
      "max_tokens",
      "temperature",
      "top_p",
    ]);
  });
});

describe("the official openai client against the schemas", () => {
  let server: Server;
  let client: OpenAI;
  const received: unknown[] = [];

  const completion: ChatCompletion = {
    id: "chatcmpl-0b7e6f9c3f0a",
    object: "chat.completion",
    created: 1_738_316_000,
    model: "claude-sonnet",
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: "4", refusal: null },
        finish_reason: "stop",
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 31, completion_tokens: 1, total_tokens: 32 },
  };

  beforeAll(async () => {
    // Stands in for the handler: validates the body with the schema, answers a schema-valid completion or
    // a problem carrying OpenAI's error object.
    server = createServer(async (request, response) => {
      let text = "";
      for await (const chunk of request) text += chunk;
      const body: unknown = JSON.parse(text);
      received.push(body);
      const parsed = chatCompletionRequestSchema.safeParse(body);
      if (parsed.success) {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(chatCompletionSchema.parse(completion)));
        return;
      }
      const issue = parsed.error.issues[0];
      const problem = problemSchema.parse({
        type: "about:blank",
        title: "Bad Request",
        status: 400,
        code: "VALIDATION_FAILED",
        detail: `${issue?.path.join(".")}: ${issue?.message}`,
        error: {
          message: `${issue?.path.join(".")}: ${issue?.message}`,
          type: "invalid_request_error",
          param: issue?.path.join(".") ?? null,
          code: null,
        },
      });
      response.writeHead(400, { "content-type": "application/problem+json" });
      response.end(JSON.stringify(problem));
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    client = new OpenAI({ baseURL: `http://127.0.0.1:${port}/acme/v1`, apiKey: "test-token", maxRetries: 0 });
  });

  afterAll(async () => {
    server.close();
    await once(server, "close");
  });

  it("sends a body the request schema accepts, and reads a response the response schema produced", async () => {
    // Act
    const result = await client.chat.completions.create({
      model: "claude-sonnet",
      messages: [
        { role: "system", content: "You are terse." },
        { role: "user", content: "What is 2+2?" },
      ],
      max_completion_tokens: 16,
      temperature: 0,
    });

    // Assess
    expect(chatCompletionRequestSchema.safeParse(received.at(-1)).success).toBe(true);
    expect(result.choices[0]?.message.content).toBe("4");
    expect(result.usage?.total_tokens).toBe(32);
  });

  it("shows the client the reason a request is refused", async () => {
    const call = client.chat.completions.create({
      model: "claude-sonnet",
      messages: [{ role: "user", content: "hi" }],
      top_logprobs: 2,
    });

    await expect(call).rejects.toMatchObject({
      status: 400,
      message: "400 top_logprobs: needs logprobs: true; set it, or omit top_logprobs",
    });
  });
});
