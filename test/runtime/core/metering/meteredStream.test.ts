import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meteredStream } from "../../../../runtime/core/metering/meteredStream.ts";
import { createModelRouter } from "../../../../runtime/core/models/createModelRouter.ts";
import { ProviderUnavailableError } from "../../../../runtime/core/models/modelErrors.ts";
import type {
  ModelProvider,
  ModelRequest,
  ModelStreamEvent,
} from "../../../../runtime/core/models/modelTypes.ts";
import { createLedgerTestDatabase } from "../ledger/support/ledgerTestDatabase.ts";

/** What a scripted stream does: its events in order, an optional failure after some of them, a delay. */
interface Script {
  readonly events: readonly ModelStreamEvent[];
  readonly failAfter?: number;
  readonly delayMs?: number;
}

/** A provider whose stream plays a script; records whether its stream was closed before the end. */
class ScriptedProvider implements ModelProvider {
  readonly name = "echo" as const;
  closedEarly = 0;
  constructor(readonly script: (request: ModelRequest) => Script) {}
  complete(): never {
    throw new Error("not used");
  }
  embed(): never {
    throw new Error("not used");
  }
  async *stream(request: ModelRequest, options: { signal: AbortSignal }): AsyncGenerator<ModelStreamEvent> {
    const script = this.script(request);
    let done = false;
    try {
      for (const [index, event] of script.events.entries()) {
        if (script.failAfter === index) {
          throw new ProviderUnavailableError({
            provider: "echo",
            modelKey: request.modelKey,
            detail: "scripted",
          });
        }
        if (script.delayMs) await sleep(script.delayMs, undefined, { signal: options.signal });
        yield event;
      }
      done = true;
    } finally {
      if (!done) this.closedEarly++;
    }
  }
}

const usage = { inputTokens: 11, outputTokens: 7, cacheReadTokens: 2, cacheWriteTokens: 0 };
const words = (count: number): ModelStreamEvent[] =>
  Array.from({ length: count }, (_, index) => ({ type: "text" as const, text: `word${index} ` }));

let ledgerDb: Awaited<ReturnType<typeof createLedgerTestDatabase>>;

beforeAll(async () => {
  ledgerDb = await createLedgerTestDatabase("metered_stream");
});
afterAll(async () => {
  await ledgerDb.close();
});

async function setUp(tenantId: string, budgetUsd: string | number, provider: ScriptedProvider) {
  const { ledger } = await ledgerDb.tenantLedger(tenantId, budgetUsd, { poolSize: 8 });
  const router = createModelRouter({
    tenantId,
    models: {
      allowlist: [{ key: "m", provider: "echo", modelId: "echo-1", type: "chat" }],
      defaultModel: "m",
      imageUrlHosts: [],
    },
    providers: { echo: provider },
    allowEcho: true,
  });
  const deps = (signal = new AbortController().signal) => ({
    router,
    ledger,
    maxTokensPerRequest: 100,
    signal,
  });
  const rows = async () =>
    (
      await ledgerDb.admin.query(
        "SELECT status, input_tokens, output_tokens, cache_read_tokens FROM usage_events WHERE tenant_id = $1 ORDER BY id",
        [tenantId],
      )
    ).rows;
  return { ledger, deps, rows };
}

const input = (requestId: string, maxTokens = 50) => ({
  messages: [{ role: "user" as const, content: "hello there" }],
  maxTokens,
  requestId,
  operationId: "createChatCompletion",
});

describe("meteredStream", () => {
  it("settles once with the provider's final usage, before the finish event is handed on", async () => {
    const provider = new ScriptedProvider(() => ({
      events: [...words(3), { type: "finish", finishReason: "stop", usage }],
    }));
    const { deps, rows } = await setUp("ms-finish", 10, provider);

    const stream = await meteredStream(input("r-1"), deps());
    const seen: string[] = [];
    for await (const event of stream.events) {
      if (event.type === "finish") seen.push(`finish:${(await rows())[0]?.status}`);
      else seen.push(event.type);
    }

    expect(seen).toEqual(["text", "text", "text", "finish:settled"]);
    expect(await rows()).toEqual([
      { status: "settled", input_tokens: 11, output_tokens: 7, cache_read_tokens: 2 },
    ]);
    expect(await stream.outcome).toMatchObject({ kind: "settled", reason: "finished", counted: false });
  });

  it("counts the usage when the provider reports none", async () => {
    const provider = new ScriptedProvider(() => ({
      events: [
        { type: "text", text: "12345678" },
        { type: "finish", finishReason: "stop", usage: undefined },
      ],
    }));
    const { deps, rows } = await setUp("ms-counted", 10, provider);

    const stream = await meteredStream(input("r-1"), deps());
    for await (const _ of stream.events);

    // "hello there" is 11 bytes: 3 tokens; "12345678" is 8 bytes: 2 tokens (one per started 4 bytes).
    expect(await rows()).toEqual([
      { status: "settled", input_tokens: 3, output_tokens: 2, cache_read_tokens: 0 },
    ]);
    expect(await stream.outcome).toMatchObject({ kind: "settled", counted: true });
  });

  it("settles exactly once with what was produced when the caller stops reading mid-stream", async () => {
    const provider = new ScriptedProvider(() => ({
      events: [...words(50), { type: "finish", finishReason: "stop", usage }],
    }));
    const { deps, rows } = await setUp("ms-abort", 10, provider);

    const stream = await meteredStream(input("r-1"), deps());
    let read = 0;
    for await (const _ of stream.events) if (++read === 2) break;
    await stream.events.return(undefined);

    expect(provider.closedEarly).toBe(1);
    // Two events of "wordN ": 12 bytes, 3 tokens (one per started 4 bytes of the whole output).
    expect(await rows()).toEqual([
      { status: "settled", input_tokens: 3, output_tokens: 3, cache_read_tokens: 0 },
    ]);
    expect(await stream.outcome).toMatchObject({ kind: "settled", reason: "aborted", counted: true });
  });

  it("settles a stream the caller left before reading anything (the prompt was sent)", async () => {
    const provider = new ScriptedProvider(() => ({
      events: [...words(5), { type: "finish", finishReason: "stop", usage }],
    }));
    const { deps, rows } = await setUp("ms-unread", 10, provider);

    const stream = await meteredStream(input("r-1"), deps());
    await stream.events.return(undefined);

    expect(provider.closedEarly).toBe(1);
    expect(await rows()).toEqual([
      { status: "settled", input_tokens: 3, output_tokens: 0, cache_read_tokens: 0 },
    ]);
  });

  it("settles what was produced when the signal aborts mid-stream", async () => {
    const provider = new ScriptedProvider(() => ({
      events: [...words(50), { type: "finish", finishReason: "stop", usage }],
      delayMs: 5,
    }));
    const { deps, rows } = await setUp("ms-signal", 10, provider);
    const controller = new AbortController();

    const stream = await meteredStream(input("r-1"), deps(controller.signal));
    let read = 0;
    const consumed = (async () => {
      for await (const _ of stream.events) if (++read === 3) controller.abort();
    })();
    await expect(consumed).rejects.toThrow();

    expect((await rows())[0]).toMatchObject({ status: "settled", input_tokens: 3 });
    // At least the three events read before the abort: 18 bytes, 5 tokens.
    expect((await rows())[0]?.output_tokens).toBeGreaterThanOrEqual(5);
    expect(await stream.outcome).toMatchObject({ kind: "settled", reason: "aborted" });
  });

  it("releases a call whose provider fails before the first event, and rejects", async () => {
    const provider = new ScriptedProvider(() => ({ events: words(3), failAfter: 0 }));
    const { deps, rows } = await setUp("ms-fail-first", 10, provider);

    await expect(meteredStream(input("r-1"), deps())).rejects.toMatchObject({ code: "MODEL_PROVIDER_ERROR" });

    expect(await rows()).toEqual([
      { status: "released", input_tokens: 0, output_tokens: 0, cache_read_tokens: 0 },
    ]);
  });

  it("settles the counted output when the provider fails after producing some, and raises the error", async () => {
    const provider = new ScriptedProvider(() => ({ events: words(5), failAfter: 2 }));
    const { deps, rows } = await setUp("ms-fail-mid", 10, provider);

    const stream = await meteredStream(input("r-1"), deps());
    const consumed = (async () => {
      for await (const _ of stream.events);
    })();

    await expect(consumed).rejects.toMatchObject({ code: "MODEL_PROVIDER_ERROR" });
    expect(await rows()).toEqual([
      { status: "settled", input_tokens: 3, output_tokens: 3, cache_read_tokens: 0 },
    ]);
    expect(await stream.outcome).toMatchObject({ kind: "settled", reason: "failed" });
  });

  it("lets 30 concurrent streams at the budget's edge spend at most the budget", async () => {
    // Each call reserves its priced maximum (about 0.000015 USD for echo at 50 output tokens); the budget
    // covers only some of them. Each stream then produces far more text than it was granted.
    const provider = new ScriptedProvider(() => ({
      events: [...words(200), { type: "finish", finishReason: "length", usage: undefined }],
      delayMs: 1,
    }));
    const budget = "0.000100";
    const { deps, rows } = await setUp("ms-concurrent", budget, provider);

    const results = await Promise.allSettled(
      Array.from({ length: 30 }, async (_, index) => {
        const stream = await meteredStream(input(`r-${index}`), deps());
        let read = 0;
        for await (const _ of stream.events) if (index % 3 === 0 && ++read === 10) break;
        return stream.outcome;
      }),
    );

    const refused = results.filter((result) => result.status === "rejected");
    expect(refused.length).toBeGreaterThan(0);
    for (const result of refused)
      expect((result as PromiseRejectedResult).reason).toMatchObject({ code: "BUDGET_EXCEEDED" });
    const { rows: spent } = await ledgerDb.admin.query(
      "SELECT coalesce(sum(cost_usd), 0)::numeric AS total, count(*) FILTER (WHERE status = 'settled') AS settled FROM usage_events WHERE tenant_id = 'ms-concurrent'",
    );
    expect(Number(spent[0].total)).toBeLessThanOrEqual(Number(budget));
    expect(Number(spent[0].settled)).toBe(30 - refused.length);
    // Counted output never exceeds the tokens each call was granted.
    for (const row of await rows()) expect(row.output_tokens).toBeLessThanOrEqual(50);
  });
});
