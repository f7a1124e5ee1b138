import { describe, expect, it } from "vitest";
import {
  MaxTokensExceededError,
  type MeteringDeps,
  reserveModelCall,
} from "../../../../runtime/core/metering/reserveModelCall.ts";

/** Deps whose ledger records what it was asked to reserve; the router resolves every key to one model. */
function recordingDeps(maxTokensPerRequest: number) {
  const reserved: { maxOutputTokens: number }[] = [];
  const deps = {
    router: {
      resolve: (key: string) => ({ key, provider: "echo", type: "chat", providerModelId: "echo-1" }),
    },
    ledger: {
      reserve: async (entry: { maxOutputTokens: number }) => {
        reserved.push(entry);
        return { id: `entry-${reserved.length}` };
      },
    },
    maxTokensPerRequest,
    signal: new AbortController().signal,
  } as unknown as MeteringDeps;
  return { deps, reserved };
}

const input = (overrides: { maxTokens?: number; n?: number } = {}) => ({
  modelKey: "m",
  messages: [{ role: "user" as const, content: "hi" }],
  requestId: "req-1",
  operationId: "createChatCompletion",
  ...overrides,
});

describe("reserveModelCall", () => {
  it("reserves the output of every choice: n times max tokens", async () => {
    // Prepare
    const { deps, reserved } = recordingDeps(1000);

    // Act
    const call = await reserveModelCall(input({ maxTokens: 300, n: 3 }), deps);

    // Assess
    expect([call.maxTokens, call.maxOutputTokens]).toEqual([300, 900]);
    expect(reserved).toMatchObject([{ maxOutputTokens: 900 }]);
  });

  it("gives each of n choices an n-th of the tenant's limit when max tokens is not set", async () => {
    // Prepare
    const { deps } = recordingDeps(1000);

    // Act
    const call = await reserveModelCall(input({ n: 3 }), deps);

    // Assess
    expect([call.maxTokens, call.maxOutputTokens]).toEqual([333, 999]);
  });

  it.each([
    [{ maxTokens: 400, n: 3 }, "max tokens 400 for each of n = 3 choices (1200 in all)"],

    [{ maxTokens: 1001 }, "max tokens 1001 is above this tenant's limit of 1000 per request"],
  ])(
    "refuses %j beyond the tenant's limit for the whole call, reserving nothing",
    async (overrides, message) => {
      // Prepare
      const { deps, reserved } = recordingDeps(1000);

      // Act
      const attempt = reserveModelCall(input(overrides), deps);

      // Assess
      await expect(attempt).rejects.toBeInstanceOf(MaxTokensExceededError);
      await expect(attempt).rejects.toThrow(message);
      expect(reserved).toEqual([]);
    },
  );

  it.each([[{ n: 2000 }], [{ maxTokens: 1, n: 2000 }]])(
    "refuses %j, more choices than the tenant's limit has tokens, naming n and the most it may be",
    async (overrides) => {
      // Prepare
      const { deps, reserved } = recordingDeps(1000);

      // Act
      const error = await reserveModelCall(input(overrides), deps).catch((caught: unknown) => caught);

      // Assess
      expect(error).toBeInstanceOf(MaxTokensExceededError);
      expect(error).toMatchObject({
        code: "MAX_TOKENS_EXCEEDED",
        param: "n",
        message:
          "n = 2000 choices need at least 2000 tokens, one each, above this tenant's limit of 1000 per request; ask for at most 1000 choices",
      });
      expect(reserved).toEqual([]);
    },
  );
});
