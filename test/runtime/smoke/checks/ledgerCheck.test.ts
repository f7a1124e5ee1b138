import { describe, expect, it } from "vitest";
import type { ChatCompletion } from "../../../../runtime/api/schemas/chatCompletions.ts";
import { checkLedgerEntry } from "../../../../runtime/smoke/checks/ledgerCheck.ts";
import { fakeSmokeContext, response } from "../fakeSmokeContext.ts";

const entryId = "0b7e6f9c-3f0a-4c55-9d1e-6f2a8c1d4e5b";

const completion: ChatCompletion = {
  id: `chatcmpl-${entryId.replaceAll("-", "")}`,
  object: "chat.completion",
  created: 1_767_225_600,
  model: "nova-micro",
  choices: [
    {
      index: 0,
      message: { role: "assistant", content: "echo: ok", refusal: null },
      finish_reason: "stop",
      logprobs: null,
    },
  ],
  usage: { prompt_tokens: 10, completion_tokens: 12, total_tokens: 22 },
};

function entry(overrides: Record<string, unknown> = {}) {
  return {
    id: entryId,
    requestId: "req-1",
    operationId: "createChatCompletion",
    model: "nova-micro",
    status: "settled",
    inputTokens: 10,
    outputTokens: 12,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    costUsd: "0.000003",
    occurredAt: "2026-01-01T00:00:00Z",
    settledAt: "2026-01-01T00:00:01Z",
    ...overrides,
  };
}

/** The check run against a ledger that lists `after` as its newest entries. */
async function check(after: unknown[], costUsd: string | null = "0.000003") {
  const { context } = fakeSmokeContext(() => response(200, { data: after, nextCursor: null }));
  return checkLedgerEntry(context, "globex", [], completion, costUsd);
}

describe("checkLedgerEntry", () => {
  it("passes one settled entry of the call with its tokens and cost", async () => {
    const outcome = await check([entry()]);

    expect(outcome).toEqual({
      status: "pass",
      detail: "1 settled entry (request req-1, 0.000003 USD), and no other new one",
    });
  });

  it("counts, but does not fail, new entries of other requests", async () => {
    const other = entry({ id: "1b7e6f9c-3f0a-4c55-9d1e-6f2a8c1d4e5b", requestId: "req-2" });

    const outcome = await check([other, entry()]);

    expect(outcome.status).toBe("pass");
    expect(outcome.detail).toMatch(/; 1 other new settled entries from other requests$/);
  });

  it("fails a call that left no ledger entry", async () => {
    const outcome = await check([]);

    expect(outcome).toEqual({
      status: "fail",
      detail: `no ledger entry for ${completion.id} among the 5 newest (0 new settled): a model call was not metered`,
    });
  });

  it("fails a call charged twice, an unsettled entry, and tokens or cost that differ from the response", async () => {
    const twice = entry({ id: "1b7e6f9c-3f0a-4c55-9d1e-6f2a8c1d4e5b" });

    const outcome = await check([twice, entry({ status: "reserved", outputTokens: 99 })], "0.000004");

    expect(outcome.status).toBe("fail");
    expect(outcome.detail.split("; ")).toEqual([
      "its entry is reserved, not settled",
      "2 entries carry request req-1: charged twice",
      "the entry has 10 + 99 tokens, the response said 10 + 12",
      "the entry costs 0.000003 USD, the response said 0.000004",
    ]);
  });

  it("ignores entries that were already there before the call", async () => {
    const { context } = fakeSmokeContext(() => response(200, { data: [entry()], nextCursor: null }));

    const outcome = await checkLedgerEntry(context, "globex", [entry() as never], completion, null);

    expect(outcome.status).toBe("fail");
  });
});
