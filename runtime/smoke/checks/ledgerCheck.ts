import type { ChatCompletion } from "../../api/schemas/chatCompletions.ts";
import { usageEventPageSchema } from "../../api/schemas/usage.ts";
import { everyScope, type SmokeContext } from "../smokeContext.ts";
import { type CheckOutcome, fail, pass } from "../smokeReport.ts";
import { unexpectedStatus } from "./describeResponse.ts";
import { schemaProblem } from "./schemaProblem.ts";

type UsageEvent = ReturnType<typeof usageEventPageSchema.parse>["data"][number];

/** How many of the newest ledger entries are compared around the call. */
const recentEntries = 5;

/** The tenant's newest ledger entries (`GET /v1/usage/events`), newest first. Throws when unreadable. */
export async function readRecentUsageEvents(smoke: SmokeContext, tenantId: string): Promise<UsageEvent[]> {
  const response = await smoke.client.send({
    tenantId,
    method: "GET",
    path: `/v1/usage/events?limit=${recentEntries}`,
    token: await smoke.tokens.token(tenantId, everyScope),
  });
  if (response.status !== 200) throw new Error(unexpectedStatus(response, 200));
  const problem = schemaProblem(usageEventPageSchema, response.body);
  if (problem) throw new Error(`200, but not a UsageEventPage: ${problem}`);
  return usageEventPageSchema.parse(response.body).data;
}

/**
 * Checks the ledger entry a chat completion left: among the entries that are new since `before`, exactly
 * one settled entry belongs to the call (its id is the completion id's, its request id is unique), for
 * the same model, with the tokens the response reported and the cost the `x-silo-cost-usd` header named.
 * Entries of other requests (live traffic on a deployed stack) are counted, not failed.
 */
export async function checkLedgerEntry(
  smoke: SmokeContext,
  tenantId: string,
  before: readonly UsageEvent[],
  completion: ChatCompletion,
  costUsd: string | null,
): Promise<CheckOutcome> {
  const seen = new Set(before.map((entry) => entry.id));
  const added = (await readRecentUsageEvents(smoke, tenantId)).filter((entry) => !seen.has(entry.id));
  const settled = added.filter((entry) => entry.status === "settled");
  const entry = added.find((candidate) => `chatcmpl-${candidate.id.replaceAll("-", "")}` === completion.id);
  if (entry === undefined) {
    return fail(
      `no ledger entry for ${completion.id} among the ${recentEntries} newest (${settled.length} new settled): a model call was not metered`,
    );
  }
  const sameRequest = added.filter((candidate) => candidate.requestId === entry.requestId);
  const problems = [
    entry.status !== "settled" && `its entry is ${entry.status}, not settled`,
    sameRequest.length !== 1 &&
      `${sameRequest.length} entries carry request ${entry.requestId}: charged twice`,
    entry.model !== completion.model &&
      `the entry is for model ${entry.model}, the call used ${completion.model}`,
    entry.operationId !== "createChatCompletion" && `the entry's operation is ${entry.operationId}`,
    (entry.inputTokens !== completion.usage.prompt_tokens ||
      entry.outputTokens !== completion.usage.completion_tokens) &&
      `the entry has ${entry.inputTokens} + ${entry.outputTokens} tokens, the response said ${completion.usage.prompt_tokens} + ${completion.usage.completion_tokens}`,
    costUsd !== null &&
      costUsd !== entry.costUsd &&
      `the entry costs ${entry.costUsd} USD, the response said ${costUsd}`,
  ].filter((problem): problem is string => typeof problem === "string");
  if (problems.length > 0) return fail(problems.join("; "));
  const others = settled.length - 1;
  return pass(
    `1 settled entry (request ${entry.requestId}, ${entry.costUsd} USD)${others > 0 ? `; ${others} other new settled entries from other requests` : ", and no other new one"}`,
  );
}
