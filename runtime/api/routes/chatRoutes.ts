import { ResourceNotFoundError } from "../../core/errors/resourceNotFoundError.ts";
import { meteredCompletion } from "../../core/metering/meteredCompletion.ts";
import { meteredEmbedding } from "../../core/metering/meteredEmbedding.ts";
import { meteredStream } from "../../core/metering/meteredStream.ts";
import type { ListedModel } from "../../core/models/createModelRouter.ts";
import { chatCompletionEvents } from "../chat/chatCompletionEvents.ts";
import { toChatCompletion } from "../chat/toChatCompletion.ts";
import { toModelCall } from "../chat/toModelCall.ts";
import { type ApiRoute, defineRoute } from "../defineRoute.ts";
import type { OperationResult } from "../operation.ts";
import * as chat from "../schemas/chatCompletions.ts";
import * as embeddings from "../schemas/embeddings.ts";
import * as models from "../schemas/models.ts";
import type { ChatDeps } from "./chatDeps.ts";
import { modelCallDeps } from "./modelCallDeps.ts";

/** Models, OpenAI-compatible chat completions and embeddings (chat group). */
export const chatRoutes: readonly ApiRoute<ChatDeps>[] = [
  defineRoute({
    method: "GET",
    path: "/v1/models",
    operationId: "listModels",
    scope: "models:read",
    group: "chat",
    summary: "List the models this tenant may call",
    openAiCompatible: true,
    response: { status: 200, schema: models.modelListSchema },
    async handler(_input, { router }: ChatDeps) {
      return {
        body: {
          object: "list",
          data: router.listModels().map(toModelObject),
        },
      };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/v1/models/{modelId}",
    operationId: "getModel",
    scope: "models:read",
    group: "chat",
    summary: "Get one allowlisted model",
    openAiCompatible: true,
    pathParams: models.modelPathParams,
    response: { status: 200, schema: models.modelSchema },
    async handler({ params }, { router }: ChatDeps) {
      const { modelId } = params;
      const model = router.listModels().find((candidate) => candidate.key === modelId);
      if (model === undefined) throw new ResourceNotFoundError("model", modelId);
      return { body: toModelObject(model) };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/v1/chat/completions",
    operationId: "createChatCompletion",
    scope: "chat:write",
    group: "chat",
    summary: "OpenAI-compatible chat completion: streaming, tools, structured output, images",
    idempotent: true,
    responseTransferMode: "STREAM",
    openAiCompatible: true,
    body: chat.chatCompletionRequestSchema,
    response: {
      status: 200,
      schema: chat.chatCompletionSchema,
      streamChunk: chat.chatCompletionChunkSchema,
    },
    async handler({ body, context }, deps: ChatDeps): Promise<OperationResult> {
      const streaming = body.stream === true;
      const callDeps = modelCallDeps(deps, context, streaming);
      const call = await toModelCall(body, {
        allowedHosts: deps.tenant.models.imageUrlHosts,
        signal: callDeps.signal,
        ...deps.imageFetch,
      });
      const input = { ...call, requestId: context.requestId, operationId: "createChatCompletion" };
      const createdSeconds = Math.floor((deps.now?.() ?? new Date()).getTime() / 1000);
      if (streaming) {
        const stream = await meteredStream(input, callDeps);
        return {
          stream: await chatCompletionEvents(stream, {
            createdSeconds,
            includeUsage: body.stream_options?.include_usage === true,
            requestId: context.requestId,
            // Not awaited by the stream: the alert is a side channel.
            onOutcome: (outcome) => {
              if (outcome.kind === "settled") void deps.budgetAlerter?.afterSettle();
            },
          }),
          headers: { "x-silo-ledger-entry-id": stream.ledgerEntryId },
          timings: stream.timings,
        };
      }
      const completion = await meteredCompletion(input, callDeps);
      // Not awaited: the alert is a side channel and must not add latency to the answer.
      void deps.budgetAlerter?.afterSettle();
      return {
        body: toChatCompletion(completion, createdSeconds),
        headers: { "x-silo-cost-usd": completion.costUsd },
        timings: completion.timings,
      };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/v1/embeddings",
    operationId: "createEmbedding",
    scope: "embeddings:write",
    group: "chat",
    summary: "OpenAI-compatible embeddings of one or more texts",
    idempotent: true,
    // Streamed through API Gateway, so an answer is not held to a buffered Lambda response's 6 MB (2,048
    // texts at 1,536 dimensions are 16 MB in base64, 60 MB as floats); the body is the same JSON.
    responseTransferMode: "STREAM",
    openAiCompatible: true,
    body: embeddings.embeddingRequestSchema,
    response: { status: 200, schema: embeddings.embeddingListSchema },
    async handler({ body, context }, deps: ChatDeps) {
      const inputs = typeof body.input === "string" ? [body.input] : body.input;
      const embedded = await meteredEmbedding(
        {
          modelKey: body.model,
          inputs,
          dimensions: body.dimensions,
          user: body.user,
          requestId: context.requestId,
          operationId: "createEmbedding",
        },
        modelCallDeps(deps, context),
      );
      void deps.budgetAlerter?.afterSettle();
      const base64 = body.encoding_format === "base64";
      const { inputTokens } = embedded.response.usage;
      return {
        body: {
          object: "list",
          data: embedded.response.vectors.map((vector, index) => ({
            object: "embedding",
            index,
            embedding: base64 ? float32Base64(vector) : [...vector],
          })),
          model: embedded.modelKey,
          usage: { prompt_tokens: inputTokens, total_tokens: inputTokens },
        },
        headers: { "x-silo-cost-usd": embedded.costUsd },
        timings: embedded.timings,
      };
    },
  }),
];

function toModelObject(model: ListedModel) {
  return {
    id: model.key,
    object: "model",
    created: 0,
    owned_by: model.provider,
    provider: model.provider,
    type: model.type,
    is_default: model.isDefault,
  };
}

/** A vector as OpenAI's base64 encoding: its float32 values, little-endian, in base64. */
function float32Base64(vector: readonly number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => {
    bytes.writeFloatLE(value, index * 4);
  });
  return bytes.toString("base64");
}
