import { describe, expect, it } from "vitest";
import { runChatChecks } from "../../../../runtime/smoke/checks/chatChecks.ts";
import type { SmokeRequest } from "../../../../runtime/smoke/smokeClient.ts";
import { newTenantState } from "../../../../runtime/smoke/smokeContext.ts";
import { fakeSmokeContext, response } from "../fakeSmokeContext.ts";

function listedModel(id: string, type: "chat" | "embedding") {
  return {
    id,
    object: "model",
    created: 0,
    owned_by: "bedrock",
    provider: "bedrock",
    type,
    is_default: false,
  };
}

/** An API whose model list is `models` and whose every other answer is a 503 problem. */
function apiListing(models: unknown[]) {
  return fakeSmokeContext((request: SmokeRequest) =>
    request.path === "/v1/models"
      ? response(200, { object: "list", data: models })
      : response(503, { code: "SERVICE_UNAVAILABLE", detail: "down" }, "application/problem+json"),
  );
}

describe("runChatChecks", () => {
  it("calls the first chat model for chat and the first embedding model for embeddings, whatever the order", async () => {
    const { context, requests, results } = apiListing([
      listedModel("titan-embed", "embedding"),
      listedModel("nova-micro", "chat"),
    ]);

    await runChatChecks(context, newTenantState("globex"));

    expect(results.map((result) => result.name)).toEqual([
      "chat: list models",
      "chat: chat completion",
      "ledger: one settled entry per model call",
      "chat: streamed chat completion",
      "chat: tool round trip",
      "chat: structured output",
      "embeddings: embed texts",
    ]);
    const modelsCalled = requests
      .filter((request) => request.method === "POST")
      .map((request) => `${request.path} ${(request.body as { model: string }).model}`);
    expect(modelsCalled).toEqual([
      "/v1/chat/completions nova-micro",
      "/v1/chat/completions nova-micro",
      "/v1/chat/completions nova-micro",
      "/v1/chat/completions nova-micro",
      "/v1/embeddings titan-embed",
    ]);
  });

  it("skips the embeddings check when the tenant allowlists no embedding model", async () => {
    const { context, results } = apiListing([listedModel("nova-micro", "chat")]);

    await runChatChecks(context, newTenantState("globex"));

    expect(results.at(-1)).toEqual({
      name: "embeddings: embed texts",
      tenant: "globex",
      status: "skip",
      detail: "no embedding model allowlisted",
    });
  });

  it("skips every model call when the model list failed", async () => {
    const { context, results } = fakeSmokeContext(() => response(403, { message: "Forbidden" }));

    await runChatChecks(context, newTenantState("globex"));

    expect(results.map((result) => `${result.name}: ${result.status}: ${result.detail}`).slice(3)).toEqual([
      "chat: streamed chat completion: skip: no model to call: the model list failed",
      "chat: tool round trip: skip: no model to call: the model list failed",
      "chat: structured output: skip: no model to call: the model list failed",
      "embeddings: embed texts: skip: no model to call: the model list failed",
    ]);
  });
});
