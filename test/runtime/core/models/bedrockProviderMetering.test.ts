import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  type ConverseStreamOutput,
  ThrottlingException,
} from "@aws-sdk/client-bedrock-runtime";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { meteredCompletion } from "../../../../runtime/core/metering/meteredCompletion.ts";
import { meteredStream } from "../../../../runtime/core/metering/meteredStream.ts";
import { BedrockProvider } from "../../../../runtime/core/models/bedrockProvider.ts";
import { createModelRouter } from "../../../../runtime/core/models/createModelRouter.ts";
import { createLedgerTestDatabase } from "../ledger/support/ledgerTestDatabase.ts";
import { converseFixture, converseStreamFixture, converseStreamOf } from "./support/bedrockFixture.ts";
import { profileArn } from "./support/bedrockRequest.ts";

// The metering rule for streams (docs/ledger.md) with the Bedrock provider and real-shaped ConverseStream
// events: a stream the model finishes settles once with Bedrock's usage; one that Bedrock cuts after some
// text (an exception event, or the connection ending without messageStop) settles once with the counted
// output; one whose answer Bedrock reports with a malformed_* stop (unusable, but billed) settles once with
// Bedrock's usage, streamed or not. Exactly one settled row every time.

const bedrockMock = mockClient(BedrockRuntimeClient);
const provider = new BedrockProvider({
  client: new BedrockRuntimeClient({ region: "eu-west-1" }),
  inferenceProfileArns: { "claude-sonnet": profileArn },
});

let ledgerDb: Awaited<ReturnType<typeof createLedgerTestDatabase>>;

beforeAll(async () => {
  ledgerDb = await createLedgerTestDatabase("bedrock_metering");
});
afterAll(async () => {
  await ledgerDb.close();
});
beforeEach(() => {
  bedrockMock.reset();
});

async function meteringDeps(tenantId: string) {
  const { ledger } = await ledgerDb.tenantLedger(tenantId, 10);
  const router = createModelRouter({
    tenantId,
    models: {
      allowlist: [
        {
          key: "claude-sonnet",
          provider: "bedrock",
          modelId: "anthropic.claude-sonnet-4-20250514-v1:0",
          type: "chat",
        },
      ],
      defaultModel: "claude-sonnet",
      imageUrlHosts: [],
    },
    providers: { bedrock: provider },
    allowEcho: false,
  });
  return { router, ledger, maxTokensPerRequest: 100, signal: new AbortController().signal };
}

const callInput = (tenantId: string) => ({
  messages: [{ role: "user" as const, content: "Tell me a story" }],
  maxTokens: 100,
  requestId: `${tenantId}-r1`,
  operationId: "createChatCompletion",
});

async function rowsOf(tenantId: string) {
  return (
    await ledgerDb.admin.query(
      "SELECT status, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens FROM usage_events WHERE tenant_id = $1",
      [tenantId],
    )
  ).rows;
}

async function streamOnce(tenantId: string, stream: AsyncIterable<ConverseStreamOutput>) {
  const deps = await meteringDeps(tenantId);
  bedrockMock.on(ConverseStreamCommand).resolves({ stream });
  const metered = await meteredStream(callInput(tenantId), deps);
  const texts: string[] = [];
  let error: unknown;
  try {
    for await (const event of metered.events) if (event.type === "text") texts.push(event.text);
  } catch (caught) {
    error = caught;
  }
  return { texts, error, rows: await rowsOf(tenantId), outcome: await metered.outcome };
}

describe("BedrockProvider under stream metering", () => {
  it("settles a finished stream once with Bedrock's usage, cache reads and writes included", async () => {
    const result = await streamOnce("bm-finish", converseStreamOf(converseStreamFixture("text-with-cache")));

    expect(result.error).toBeUndefined();
    expect(result.rows).toEqual([
      {
        status: "settled",
        input_tokens: 14,
        output_tokens: 9,
        cache_read_tokens: 1536,
        cache_write_tokens: 512,
      },
    ]);
    expect(result.outcome).toMatchObject({ kind: "settled", reason: "finished", counted: false });
  });

  it.each([
    [
      "a throttlingException after some text",
      () =>
        converseStreamOf(
          converseStreamFixture("cut-after-text"),
          new ThrottlingException({ message: "Too many tokens", $metadata: {} }),
        ),
      "MODEL_THROTTLED",
    ],
    [
      "the stream ending without messageStop",
      () => converseStreamOf(converseStreamFixture("cut-after-text")),
      "MODEL_BAD_RESPONSE",
    ],
  ])(
    "settles once with the counted output when Bedrock cuts the stream with %s",
    async (_case, stream, code) => {
      const tenantId = `bm-cut-${code.toLowerCase().replaceAll("_", "-")}`;

      const result = await streamOnce(tenantId, stream());

      expect(result.texts).toEqual(["Once upon a time,", " in a land far away,"]);
      expect(result.error).toMatchObject({ code });
      expect(result.rows).toHaveLength(1);
      expect(result.rows[0]).toMatchObject({
        status: "settled",
        cache_read_tokens: 0,
        cache_write_tokens: 0,
      });
      expect(result.rows[0]?.output_tokens).toBeGreaterThan(0);
      expect(result.outcome).toMatchObject({ kind: "settled", reason: "failed", counted: true });
    },
  );

  it("settles a stream Bedrock stops with malformed_model_output once, with the usage it bills", async () => {
    const events = converseStreamFixture("text-with-cache").map((event) =>
      event.messageStop === undefined ? event : { messageStop: { stopReason: "malformed_model_output" } },
    );

    const result = await streamOnce(
      "bm-malformed-stream",
      converseStreamOf(events as ConverseStreamOutput[]),
    );

    expect(result.error).toMatchObject({ code: "MODEL_BAD_RESPONSE" });
    expect(result.rows).toEqual([
      {
        status: "settled",
        input_tokens: 14,
        output_tokens: 9,
        cache_read_tokens: 1536,
        cache_write_tokens: 512,
      },
    ]);
    expect(result.outcome).toMatchObject({ kind: "settled", reason: "failed", counted: false });
  });

  it("settles an unusable Converse answer (malformed_tool_use) once with the usage Bedrock bills, and fails the call", async () => {
    bedrockMock.on(ConverseCommand).resolves(converseFixture("malformed-tool-use"));

    const call = meteredCompletion(callInput("bm-malformed"), await meteringDeps("bm-malformed"));

    await expect(call).rejects.toMatchObject({ code: "MODEL_BAD_RESPONSE" });
    expect(await rowsOf("bm-malformed")).toEqual([
      {
        status: "settled",
        input_tokens: 230,
        output_tokens: 57,
        cache_read_tokens: 0,
        cache_write_tokens: 0,
      },
    ]);
  });

  it("releases a Converse answer that cannot be used and reports no usage: nothing was billed that it knows of", async () => {
    const { usage: _usage, ...withoutUsage } = converseFixture("malformed-tool-use");
    bedrockMock.on(ConverseCommand).resolves(withoutUsage);

    const call = meteredCompletion(callInput("bm-no-usage"), await meteringDeps("bm-no-usage"));

    await expect(call).rejects.toMatchObject({ code: "MODEL_BAD_RESPONSE" });
    expect(await rowsOf("bm-no-usage")).toMatchObject([{ status: "released" }]);
  });
});
