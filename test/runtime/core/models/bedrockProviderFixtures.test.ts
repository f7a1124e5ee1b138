import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  type ConverseStreamOutput,
  InternalServerException,
  ModelStreamErrorException,
  ServiceUnavailableException,
  ThrottlingException,
  ValidationException,
} from "@aws-sdk/client-bedrock-runtime";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { BedrockProvider } from "../../../../runtime/core/models/bedrockProvider.ts";
import type { ModelStreamEvent, ModelTool } from "../../../../runtime/core/models/modelTypes.ts";
import { converseFixture, converseStreamFixture, converseStreamOf } from "./support/bedrockFixture.ts";
import { profileArn, bedrockRequest as request } from "./support/bedrockRequest.ts";
import { modelFailure } from "./support/modelFailure.ts";

// The provider against answers shaped exactly as the SDK hands them over (test/fixtures/bedrock/converse and
// converse-stream): what each Converse block and ConverseStream event becomes in the OpenAI-shaped answer.

const bedrockMock = mockClient(BedrockRuntimeClient);
const client = new BedrockRuntimeClient({ region: "eu-west-1" });
const signal = new AbortController().signal;
const provider = new BedrockProvider({ client, inferenceProfileArns: { "claude-sonnet": profileArn } });

const weather: ModelTool = {
  name: "get_weather",
  parameters: { type: "object", properties: { city: { type: "string" }, unit: { type: "string" } } },
};
const time: ModelTool = { name: "get_time", parameters: { type: "object", properties: {} } };
const personFormat = {
  type: "json_schema",
  name: "person",
  schema: {
    type: "object",
    properties: { name: { type: "string" }, born: { type: "integer" }, fields: { type: "array" } },
    required: ["name", "born", "fields"],
  },
} as const;

async function collect(stream: AsyncIterable<ModelStreamEvent>, seen: ModelStreamEvent[] = []) {
  for await (const event of stream) seen.push(event);
  return seen;
}

/** The OpenAI `tool_calls` a client assembles from the deltas, by index. */
function assembleToolCalls(events: readonly ModelStreamEvent[]) {
  const calls: { id?: string | undefined; name?: string | undefined; arguments: string }[] = [];
  for (const event of events) {
    if (event.type !== "tool_call") continue;
    calls[event.index] ??= { arguments: "" };
    const call = calls[event.index] as (typeof calls)[number];
    call.id ??= event.id;
    call.name ??= event.name;
    call.arguments += event.argumentsDelta;
  }
  return calls;
}

beforeEach(() => {
  bedrockMock.reset();
});

describe("BedrockProvider.complete with real-shaped Converse answers", () => {
  it("reads text and the four usage counts, inputTokens excluding the cache reads and writes", async () => {
    bedrockMock.on(ConverseCommand).resolves(converseFixture("text-with-cache"));

    const response = await provider.complete(request(), { signal });

    expect(response).toMatchObject({
      content: "The capital of France is Paris.",
      toolCalls: [],
      finishReason: "stop",
      usage: { inputTokens: 14, outputTokens: 9, cacheReadTokens: 1536, cacheWriteTokens: 512 },
    });
  });

  it("returns parallel tool calls in order, an absent input as {}, finish reason tool_calls", async () => {
    bedrockMock.on(ConverseCommand).resolves(converseFixture("parallel-tool-use"));

    const response = await provider.complete(request({ tools: [weather, time] }), { signal });

    expect(response.content).toBe("I'll check the weather in both cities.");
    expect(response.toolCalls).toStrictEqual([
      {
        id: "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q",
        name: "get_weather",
        arguments: '{"city":"Paris","unit":"celsius"}',
      },
      {
        id: "tooluse_5oQxGXnbSsuZW3eTt2QoVg",
        name: "get_weather",
        arguments: '{"city":"Oslo","unit":"celsius"}',
      },
      { id: "tooluse_Qm1d0cC3TZ2Q7HkqkLrVbw", name: "get_time", arguments: "{}" },
    ]);
    expect(response.finishReason).toBe("tool_calls");
  });

  it("leaves reasoning blocks (text, signature, redacted) out of the content", async () => {
    bedrockMock.on(ConverseCommand).resolves(converseFixture("reasoning"));

    const response = await provider.complete(request(), { signal });

    expect(response.content).toBe("17 × 23 = 391.");
    expect(response.usage.outputTokens).toBe(96);
  });

  it("joins the text of citationsContent blocks into the content", async () => {
    bedrockMock.on(ConverseCommand).resolves(converseFixture("citations"));

    const response = await provider.complete(request(), { signal });

    expect(response.content).toBe("According to the document, the grass is green.");
  });

  it("answers json_schema with the forced tool's input as JSON content and finish reason stop", async () => {
    bedrockMock.on(ConverseCommand).resolves(converseFixture("json-response-tool"));

    const response = await provider.complete(request({ responseFormat: personFormat }), { signal });

    expect(JSON.parse(response.content)).toStrictEqual({
      name: "Ada Lovelace",
      born: 1815,
      fields: ["mathematics", "computing"],
    });
    expect(response.toolCalls).toStrictEqual([]);
    expect(response.finishReason).toBe("stop");
  });

  it.each([
    ["guardrail-intervened", "content_filter", "Sorry, I can't help with that request."],
    ["max-tokens", "length", "Once upon a time, in a land far"],
  ])("maps the stop reason of %s to %s, keeping the text", async (fixture, finishReason, content) => {
    bedrockMock.on(ConverseCommand).resolves(converseFixture(fixture));

    const response = await provider.complete(request(), { signal });

    expect(response).toMatchObject({ finishReason, content });
  });

  it("refuses malformed_tool_use as a bad response naming the stop reason", async () => {
    bedrockMock.on(ConverseCommand).resolves(converseFixture("malformed-tool-use"));

    const error = await modelFailure(provider.complete(request({ tools: [weather] }), { signal }));

    expect(error.code).toBe("MODEL_BAD_RESPONSE");
    expect(error.message).toContain(
      `(stopReason "malformed_tool_use": the model's tool call could not be parsed)`,
    );
  });
});

describe("BedrockProvider: structured output on a model without forced tool choice", () => {
  it.each([
    ["json_schema", personFormat],
    ["json_object", { type: "json_object" } as const],
  ])(
    "refuses %s to Llama 3.1 with a 400 naming response_format, before any call",
    async (_case, responseFormat) => {
      const llama = request({ providerModelId: "us.meta.llama3-1-70b-instruct-v1:0", responseFormat });

      const error = await modelFailure(provider.complete(llama, { signal }));
      const streamed = await modelFailure(collect(provider.stream(llama, { signal })));

      for (const refused of [error, streamed]) {
        expect(refused).toMatchObject({ code: "MODEL_UNSUPPORTED_PARAMETER", param: "response_format" });
        expect(refused.message).toContain(
          "JSON output needs a forced tool choice, which Bedrock offers only for some models and not for us.meta.llama3-1-70b-instruct-v1:0",
        );
      }
      expect(bedrockMock.calls()).toHaveLength(0);
    },
  );
});

describe("BedrockProvider.stream with real-shaped ConverseStream events", () => {
  it("streams text, then finish with the metadata's usage", async () => {
    bedrockMock
      .on(ConverseStreamCommand)
      .resolves({ stream: converseStreamOf(converseStreamFixture("text-with-cache")) });

    const events = await collect(provider.stream(request(), { signal }));

    expect(events).toStrictEqual([
      { type: "text", text: "The capital" },
      { type: "text", text: " of France is" },
      { type: "text", text: " Paris." },
      {
        type: "finish",
        finishReason: "stop",
        usage: { inputTokens: 14, outputTokens: 9, cacheReadTokens: 1536, cacheWriteTokens: 512 },
      },
    ]);
  });

  it("streams parallel tool calls under indexes 0, 1, 2, a call without input as {}", async () => {
    bedrockMock
      .on(ConverseStreamCommand)
      .resolves({ stream: converseStreamOf(converseStreamFixture("parallel-tool-use")) });

    const events = await collect(provider.stream(request({ tools: [weather, time] }), { signal }));

    expect(events[0]).toStrictEqual({ type: "text", text: "I'll check the weather in both cities." });
    expect(events.filter((event) => event.type === "tool_call" && event.id !== undefined)).toStrictEqual([
      {
        type: "tool_call",
        index: 0,
        id: "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q",
        name: "get_weather",
        argumentsDelta: "",
      },
      {
        type: "tool_call",
        index: 1,
        id: "tooluse_5oQxGXnbSsuZW3eTt2QoVg",
        name: "get_weather",
        argumentsDelta: "",
      },
      {
        type: "tool_call",
        index: 2,
        id: "tooluse_Qm1d0cC3TZ2Q7HkqkLrVbw",
        name: "get_time",
        argumentsDelta: "",
      },
    ]);
    const calls = assembleToolCalls(events);
    expect(calls.map((call) => [call.name, JSON.parse(call.arguments)])).toStrictEqual([
      ["get_weather", { city: "Paris", unit: "celsius" }],
      ["get_weather", { city: "Oslo", unit: "celsius" }],
      ["get_time", {}],
    ]);
    expect(events.at(-1)).toMatchObject({ type: "finish", finishReason: "tool_calls" });
  });

  it("skips reasoning deltas (text, signature, redacted), unknown events and unknown deltas", async () => {
    bedrockMock
      .on(ConverseStreamCommand)
      .resolves({ stream: converseStreamOf(converseStreamFixture("reasoning")) });

    const events = await collect(provider.stream(request(), { signal }));

    expect(events).toStrictEqual([
      { type: "text", text: "17 × 23 = 391." },
      {
        type: "finish",
        finishReason: "stop",
        usage: { inputTokens: 38, outputTokens: 96, cacheReadTokens: 0, cacheWriteTokens: 0 },
      },
    ]);
  });

  it("streams cited text and skips the citation deltas", async () => {
    bedrockMock
      .on(ConverseStreamCommand)
      .resolves({ stream: converseStreamOf(converseStreamFixture("citations")) });

    const events = await collect(provider.stream(request(), { signal }));

    expect(events.flatMap((event) => (event.type === "text" ? [event.text] : [])).join("")).toBe(
      "According to the document, the grass is green.",
    );
  });

  it("streams the JSON tool's input as text that parses against the schema", async () => {
    bedrockMock
      .on(ConverseStreamCommand)
      .resolves({ stream: converseStreamOf(converseStreamFixture("json-response-tool")) });

    const events = await collect(provider.stream(request({ responseFormat: personFormat }), { signal }));

    const text = events.flatMap((event) => (event.type === "text" ? [event.text] : [])).join("");
    expect(JSON.parse(text)).toStrictEqual({
      name: "Ada Lovelace",
      born: 1815,
      fields: ["mathematics", "computing"],
    });
    expect(events.at(-1)).toMatchObject({ type: "finish", finishReason: "stop" });
  });

  it("streams {} for a JSON answer whose tool input never arrives", async () => {
    const events = converseStreamFixture("json-response-tool").filter(
      (event) =>
        event.contentBlockDelta?.delta?.toolUse?.input === undefined ||
        event.contentBlockDelta.delta.toolUse.input === "",
    );
    bedrockMock.on(ConverseStreamCommand).resolves({ stream: converseStreamOf(events) });

    const seen = await collect(provider.stream(request({ responseFormat: personFormat }), { signal }));

    expect(seen.map((event) => (event.type === "text" ? event.text : event.type))).toEqual(["{}", "finish"]);
  });

  it.each([
    [
      "throttlingException",
      new ThrottlingException({ message: "Too many tokens, please wait.", $metadata: {} }),
      "MODEL_THROTTLED",
    ],
    [
      "modelStreamErrorException",
      new ModelStreamErrorException({
        message: "Model stream error",
        originalStatusCode: 500,
        originalMessage: "The model failed while answering",
        $metadata: {},
      }),
      "MODEL_PROVIDER_ERROR",
    ],
    [
      "validationException",
      new ValidationException({ message: "Input is too long", $metadata: {} }),
      "MODEL_REQUEST_REJECTED",
    ],
    [
      "serviceUnavailableException",
      new ServiceUnavailableException({ message: "Busy", $metadata: {} }),
      "MODEL_PROVIDER_ERROR",
    ],
    [
      "internalServerException",
      new InternalServerException({ message: "Oops", $metadata: {} }),
      "MODEL_PROVIDER_ERROR",
    ],
  ])(
    "maps a %s after some text to %s, as the SDK throws it or hands it over as a member",
    async (member, exception, code) => {
      const text = converseStreamFixture("cut-after-text");
      for (const stream of [
        converseStreamOf(text, exception),
        converseStreamOf([...text, { [member]: exception } as unknown as ConverseStreamOutput]),
      ]) {
        bedrockMock.reset();
        bedrockMock.on(ConverseStreamCommand).resolves({ stream });
        const seen: ModelStreamEvent[] = [];

        const error = await modelFailure(collect(provider.stream(request(), { signal }), seen));

        expect(seen).toStrictEqual([
          { type: "text", text: "Once upon a time," },
          { type: "text", text: " in a land far away," },
        ]);
        expect(error.code).toBe(code);
        if (code === "MODEL_THROTTLED") expect(error).toMatchObject({ retryAfterSeconds: 5 });
      }
    },
  );

  it("fails a stream cut after some text, without messageStop, as a bad response after the text", async () => {
    bedrockMock
      .on(ConverseStreamCommand)
      .resolves({ stream: converseStreamOf(converseStreamFixture("cut-after-text")) });
    const seen: ModelStreamEvent[] = [];

    const error = await modelFailure(collect(provider.stream(request(), { signal }), seen));

    expect(seen).toHaveLength(2);
    expect(error.code).toBe("MODEL_BAD_RESPONSE");
    expect(error.message).toContain("the ConverseStream ended without messageStop");
  });
});
