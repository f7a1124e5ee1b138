import {
  BedrockRuntimeClient,
  ConverseStreamCommand,
  type ConverseStreamOutput,
  ThrottlingException,
} from "@aws-sdk/client-bedrock-runtime";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { BedrockProvider } from "../../../../runtime/core/models/bedrockProvider.ts";
import type { ModelStreamEvent } from "../../../../runtime/core/models/modelTypes.ts";
import { profileArn, bedrockRequest as request } from "./support/bedrockRequest.ts";
import { modelFailure } from "./support/modelFailure.ts";

const bedrockMock = mockClient(BedrockRuntimeClient);
const client = new BedrockRuntimeClient({ region: "eu-west-1" });
const signal = new AbortController().signal;

function provider(overrides: { timeoutMs?: number } = {}): BedrockProvider {
  return new BedrockProvider({ client, inferenceProfileArns: { "claude-sonnet": profileArn }, ...overrides });
}

const helloEvents: ConverseStreamOutput[] = [
  { messageStart: { role: "assistant" } },
  { contentBlockDelta: { delta: { text: "Hi " }, contentBlockIndex: 0 } },
  { contentBlockDelta: { delta: { text: "there." }, contentBlockIndex: 0 } },
  { contentBlockStop: { contentBlockIndex: 0 } },
  { messageStop: { stopReason: "end_turn" } },
  {
    metadata: {
      usage: { inputTokens: 12, outputTokens: 4, totalTokens: 36, cacheReadInputTokens: 20 },
      metrics: { latencyMs: 200 },
    },
  },
];

/** An upstream event stream, recording whether the provider closed it. */
class Upstream implements AsyncIterable<ConverseStreamOutput> {
  closed = false;
  constructor(
    private readonly events: readonly ConverseStreamOutput[],
    private readonly end: "done" | { throws: unknown } | "hang" = "done",
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<ConverseStreamOutput> {
    try {
      yield* this.events;
      if (this.end === "hang") await new Promise(() => {});
      else if (this.end !== "done") throw this.end.throws;
    } finally {
      this.closed = true;
    }
  }
}

async function collect(stream: AsyncIterable<ModelStreamEvent>, seen: ModelStreamEvent[] = []) {
  for await (const event of stream) seen.push(event);
  return seen;
}

beforeEach(() => {
  bedrockMock.reset();
});

describe("BedrockProvider.stream", () => {
  it("calls ConverseStream on the profile and streams text, then finish with usage incl. cache reads", async () => {
    // Prepare
    bedrockMock.on(ConverseStreamCommand).resolves({ stream: new Upstream(helloEvents) });

    // Act
    const events = await collect(provider().stream(request(), { signal }));

    // Assess
    expect(events).toStrictEqual([
      { type: "text", text: "Hi " },
      { type: "text", text: "there." },
      {
        type: "finish",
        finishReason: "stop",
        usage: { inputTokens: 12, outputTokens: 4, cacheReadTokens: 20, cacheWriteTokens: 0 },
      },
    ]);
    const calls = bedrockMock.commandCalls(ConverseStreamCommand);
    expect(calls[0]?.args[0].input).toStrictEqual({
      modelId: profileArn,
      messages: [{ role: "user", content: [{ text: "Hello" }] }],
      inferenceConfig: { maxTokens: 256 },
    });
    const options = bedrockMock.send.getCall(0).args[1 as 0] as unknown as { abortSignal?: unknown };
    expect(options.abortSignal).toBeInstanceOf(AbortSignal);
  });

  it("streams the JSON tool's input as text for response_format json_schema", async () => {
    bedrockMock.on(ConverseStreamCommand).resolves({
      stream: new Upstream([
        { messageStart: { role: "assistant" } },
        {
          contentBlockStart: {
            start: { toolUse: { toolUseId: "t_j", name: "json_response" } },
            contentBlockIndex: 0,
          },
        },
        { contentBlockDelta: { delta: { toolUse: { input: '{"ok":true}' } }, contentBlockIndex: 0 } },
        { contentBlockStop: { contentBlockIndex: 0 } },
        { messageStop: { stopReason: "tool_use" } },
        {
          metadata: {
            usage: { inputTokens: 50, outputTokens: 9, totalTokens: 59 },
            metrics: { latencyMs: 1 },
          },
        },
      ]),
    });

    const events = await collect(
      provider().stream(
        request({ responseFormat: { type: "json_schema", name: "ok", schema: { type: "object" } } }),
        { signal },
      ),
    );

    expect(events.map((event) => (event.type === "text" ? event.text : event.type))).toEqual([
      '{"ok":true}',
      "finish",
    ]);
    expect(
      bedrockMock.commandCalls(ConverseStreamCommand)[0]?.args[0].input.toolConfig?.toolChoice,
    ).toStrictEqual({
      tool: { name: "json_response" },
    });
  });

  it("refuses an unsupported parameter on the first next(), before any call", async () => {
    const stream = provider().stream(
      request({
        providerModelId: "amazon.nova-micro-v1:0",
        messages: [
          { role: "user", content: [{ type: "image", mediaType: "image/png", data: new Uint8Array([1]) }] },
        ],
      }),
      { signal },
    );

    const error = await modelFailure(collect(stream));

    expect(error).toMatchObject({ code: "MODEL_UNSUPPORTED_PARAMETER", param: "messages[0].content[0]" });
    expect(bedrockMock.commandCalls(ConverseStreamCommand)).toHaveLength(0);
  });

  it("maps a throttling exception thrown mid-stream to MODEL_THROTTLED after the events before it", async () => {
    const upstream = new Upstream(helloEvents.slice(0, 2), {
      throws: new ThrottlingException({ message: "Too many tokens", $metadata: {} }),
    });
    bedrockMock.on(ConverseStreamCommand).resolves({ stream: upstream });
    const seen: ModelStreamEvent[] = [];

    const error = await modelFailure(collect(provider().stream(request(), { signal }), seen));

    expect(seen).toStrictEqual([{ type: "text", text: "Hi " }]);
    expect(error).toMatchObject({ code: "MODEL_THROTTLED", retryAfterSeconds: 5 });
    expect(upstream.closed).toBe(true);
  });

  it.each([
    ["modelStreamErrorException", "MODEL_PROVIDER_ERROR"],
    ["validationException", "MODEL_REQUEST_REJECTED"],
    ["serviceUnavailableException", "MODEL_PROVIDER_ERROR"],
    ["internalServerException", "MODEL_PROVIDER_ERROR"],
    ["throttlingException", "MODEL_THROTTLED"],
  ])("maps a %s event to %s", async (member, code) => {
    const exceptionEvent = { [member]: { message: "went wrong" } } as unknown as ConverseStreamOutput;
    bedrockMock
      .on(ConverseStreamCommand)
      .resolves({ stream: new Upstream([helloEvents[1] as ConverseStreamOutput, exceptionEvent]) });

    const error = await modelFailure(collect(provider().stream(request(), { signal })));

    expect(error.code).toBe(code);
  });

  it("maps a failed ConverseStream call like a failed Converse call", async () => {
    bedrockMock
      .on(ConverseStreamCommand)
      .rejects(new ThrottlingException({ message: "Slow down", $metadata: { httpStatusCode: 429 } }));

    const error = await modelFailure(collect(provider().stream(request(), { signal })));

    expect(error.code).toBe("MODEL_THROTTLED");
  });

  it("stops reading upstream when the caller aborts mid-stream, with MODEL_TIMEOUT reason aborted", async () => {
    const upstream = new Upstream(helloEvents.slice(0, 2), "hang");
    bedrockMock.on(ConverseStreamCommand).resolves({ stream: upstream });
    const controller = new AbortController();
    const seen: ModelStreamEvent[] = [];

    const stream = provider().stream(request(), { signal: controller.signal });
    const reading = modelFailure(collect(stream, seen));
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    const error = await reading;

    expect(seen).toHaveLength(1);
    expect(error).toMatchObject({ code: "MODEL_TIMEOUT", reason: "aborted" });
    const options = bedrockMock.send.getCall(0).args[1 as 0] as unknown as { abortSignal: AbortSignal };
    expect(options.abortSignal.aborted).toBe(true);
  });

  it("gives up when no event arrives within timeoutMs, with MODEL_TIMEOUT naming the limit", async () => {
    bedrockMock.on(ConverseStreamCommand).resolves({ stream: new Upstream(helloEvents.slice(0, 2), "hang") });

    const error = await modelFailure(collect(provider({ timeoutMs: 50 }).stream(request(), { signal })));

    expect(error).toMatchObject({ code: "MODEL_TIMEOUT", reason: "timeout" });
    expect(error.message).toMatch(/^bedrock did not answer within 50 ms for model "claude-sonnet"/);
  });

  it("closes the upstream and cancels the request when the consumer stops early", async () => {
    const upstream = new Upstream(helloEvents);
    bedrockMock.on(ConverseStreamCommand).resolves({ stream: upstream });

    for await (const event of provider().stream(request(), { signal })) {
      expect(event.type).toBe("text");
      break;
    }

    expect(upstream.closed).toBe(true);
    const options = bedrockMock.send.getCall(0).args[1 as 0] as unknown as { abortSignal: AbortSignal };
    expect(options.abortSignal.aborted).toBe(true);
  });
});
