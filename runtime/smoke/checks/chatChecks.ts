import { type ChatCompletion, chatCompletionSchema } from "../../api/schemas/chatCompletions.ts";
import { modelListSchema } from "../../api/schemas/models.ts";
import { everyScope, type SmokeContext, type TenantState } from "../smokeContext.ts";
import { fail, pass, skip } from "../smokeReport.ts";
import { requestIdProblem, unexpectedStatus } from "./describeResponse.ts";
import { checkEmbeddings } from "./embeddingCheck.ts";
import { checkLedgerEntry, readRecentUsageEvents } from "./ledgerCheck.ts";
import { schemaProblem } from "./schemaProblem.ts";
import { echoAnswer, smokeMaxTokens, smokePrompt } from "./smokePrompt.ts";
import { checkStreamedCompletion } from "./streamedCompletionCheck.ts";
import { checkStructuredOutput } from "./structuredOutputCheck.ts";
import { checkToolRoundTrip } from "./toolRoundTripCheck.ts";

/**
 * Positive calls of the chat group: the model list (also the positive control that the tenant's token is
 * accepted), one chat completion with the tenant's first chat model and the ledger entry that call must
 * leave; then, with the same model, a streamed completion, a tool round trip and structured output; and
 * embeddings with the tenant's first embedding model, skipped when it has none.
 */
export async function runChatChecks(smoke: SmokeContext, tenant: TenantState): Promise<void> {
  const { tenantId } = tenant;
  const token = () => smoke.tokens.token(tenantId, everyScope);

  await smoke.check("chat: list models", tenantId, async () => {
    const response = await smoke.client.send({
      tenantId,
      method: "GET",
      path: "/v1/models",
      token: await token(),
    });
    if (response.status !== 200) return fail(unexpectedStatus(response, 200));
    tenant.tokenAccepted = true;
    const problem = schemaProblem(modelListSchema, response.body);
    if (problem) return fail(`200, but not a ModelList: ${problem}`);
    const listed = modelListSchema.parse(response.body).data;
    tenant.modelKeys = listed.map((model) => model.id);
    tenant.chatModelKeys = listed.filter((model) => model.type === "chat").map((model) => model.id);
    tenant.embeddingModelKeys = listed.filter((model) => model.type === "embedding").map((model) => model.id);
    if (tenant.modelKeys.length === 0)
      return fail("200, but the list is empty: the tenant may call no model");
    return pass(`200, ${tenant.modelKeys.length} model(s): ${tenant.modelKeys.join(", ")}`);
  });

  const model = tenant.chatModelKeys[0];
  const noModel = skip(
    tenant.tokenAccepted
      ? "no chat model to call: the tenant lists none"
      : "no model to call: the model list failed",
  );
  // The ledger's newest entries before the call, so the entry the call adds can be told apart.
  const before =
    model === undefined
      ? undefined
      : await readRecentUsageEvents(smoke, tenantId).catch((error: Error) => error);
  let completion: { body: ChatCompletion; costUsd: string | null } | undefined;
  await smoke.check("chat: chat completion", tenantId, async () => {
    if (model === undefined) return noModel;
    const response = await smoke.client.send({
      tenantId,
      method: "POST",
      path: "/v1/chat/completions",
      token: await token(),
      body: { model, messages: [{ role: "user", content: smokePrompt }], max_tokens: smokeMaxTokens },
    });
    if (response.status !== 200) return fail(unexpectedStatus(response, 200));
    const problem = schemaProblem(chatCompletionSchema, response.body);
    if (problem) return fail(`200, but not a ChatCompletion: ${problem}`);
    const missingId = requestIdProblem(response);
    if (missingId) return fail(`200, but ${missingId}`);
    const body = chatCompletionSchema.parse(response.body);
    completion = { body, costUsd: response.headers.get("x-silo-cost-usd") };
    const { usage } = body;
    if (body.model !== model) return fail(`200, but answered by model ${body.model}, not ${model}`);
    if (usage.total_tokens !== usage.prompt_tokens + usage.completion_tokens || usage.total_tokens === 0) {
      return fail(
        `200, but usage does not add up: ${usage.prompt_tokens} + ${usage.completion_tokens} != ${usage.total_tokens}`,
      );
    }
    return pass(
      `200 from ${model}, ${usage.prompt_tokens} + ${usage.completion_tokens} tokens, ${body.choices[0]?.finish_reason}`,
    );
  });

  await smoke.check("ledger: one settled entry per model call", tenantId, async () => {
    if (completion === undefined) return skip("no model call to look for: the chat completion failed");
    if (before instanceof Error) return fail(`could not read the ledger before the call: ${before.message}`);
    return await checkLedgerEntry(smoke, tenantId, before ?? [], completion.body, completion.costUsd);
  });

  // The echo provider's answer marks a deterministic model, whose other answers can be compared exactly.
  const deterministic = completion?.body.choices[0]?.message.content === echoAnswer;
  await smoke.check("chat: streamed chat completion", tenantId, async () =>
    model === undefined
      ? noModel
      : await checkStreamedCompletion(smoke, tenantId, model, deterministic ? echoAnswer : undefined),
  );
  await smoke.check("chat: tool round trip", tenantId, async () =>
    model === undefined ? noModel : await checkToolRoundTrip(smoke, tenantId, model, deterministic),
  );
  await smoke.check("chat: structured output", tenantId, async () =>
    model === undefined ? noModel : await checkStructuredOutput(smoke, tenantId, model),
  );
  const embeddingModel = tenant.embeddingModelKeys[0];
  await smoke.check("embeddings: embed texts", tenantId, async () => {
    if (embeddingModel !== undefined) return await checkEmbeddings(smoke, tenantId, embeddingModel);
    return skip(
      tenant.tokenAccepted ? "no embedding model allowlisted" : "no model to call: the model list failed",
    );
  });
}
