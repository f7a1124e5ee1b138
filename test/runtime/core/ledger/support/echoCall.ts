import { randomUUID } from "node:crypto";
import type { ReserveInput } from "../../../../../runtime/core/ledger/createUsageLedger.ts";

/** An echo call of 1000 input and up to 1000 output tokens: 0.0001 USD per 1K input, 0.0002 per 1K output. */
export function echoCall(overrides: Partial<ReserveInput> = {}): ReserveInput {
  return {
    requestId: randomUUID(),
    operationId: "createChatCompletion",
    modelKey: "echo",
    provider: "echo",
    providerModelId: "echo-1",
    estimatedInputTokens: 1000,
    maxOutputTokens: 1000,
    ...overrides,
  };
}
