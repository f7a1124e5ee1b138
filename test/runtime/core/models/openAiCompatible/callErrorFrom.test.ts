import { describe, expect, it } from "vitest";
import { ProviderRejectedError } from "../../../../../runtime/core/models/modelErrors.ts";
import { callErrorFrom } from "../../../../../runtime/core/models/openAiCompatible/callErrorFrom.ts";

const end = {
  provider: "openai-compatible",
  modelKey: "byok",
  aborted: false,
  expiredAfterMs: undefined,
  maxEventChars: 1000,
} as const;
const network = Object.assign(new Error("connect failed"), { code: "ECONNREFUSED" });
const parseError = Object.assign(new Error("Buffer exceeded"), { name: "ParseError" });
const typed = new ProviderRejectedError({
  provider: "openai-compatible",
  modelKey: "byok",
  detail: "too long",
});

describe("callErrorFrom", () => {
  it.each([
    [
      "the caller's abort, whatever the error",
      network,
      { aborted: true },
      { code: "MODEL_TIMEOUT", reason: "aborted" },
    ],
    [
      "the caller's abort over a typed error",
      typed,
      { aborted: true },
      { code: "MODEL_TIMEOUT", reason: "aborted" },
    ],
    ["a typed error as it is", typed, {}, { code: "MODEL_REQUEST_REJECTED" }],
    ["a time limit", network, { expiredAfterMs: 60_000 }, { code: "MODEL_TIMEOUT", reason: "timeout" }],
    ["an event over the bound", parseError, {}, { code: "MODEL_BAD_RESPONSE" }],
    ["a network error", network, {}, { code: "MODEL_PROVIDER_ERROR" }],
  ])("maps %s", (_case, error, overrides, expected) => {
    expect(callErrorFrom(error, { ...end, ...overrides })).toMatchObject(expected);
  });

  it("names the limit that passed and the network error's code", () => {
    expect((callErrorFrom(network, { ...end, expiredAfterMs: 60_000 }) as Error).message).toContain(
      "did not answer within 60000 ms",
    );
    expect((callErrorFrom(network, end) as Error).message).toContain("(connect failed: ECONNREFUSED)");
    expect((callErrorFrom(parseError, end) as Error).message).toContain(
      "a stream event is larger than 1000 characters",
    );
  });
});
