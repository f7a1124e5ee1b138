import type { ConverseCommandOutput } from "@aws-sdk/client-bedrock-runtime";
import { ProviderBadResponseError } from "../modelErrors.ts";
import type { ModelRequest, ModelResponse, ModelToolCall } from "../modelTypes.ts";
import { converseFinishReason } from "./converseFinishReason.ts";
import type { ConversePlan } from "./converseRequest.ts";
import { converseUsage } from "./converseUsage.ts";

/**
 * Reads a Converse answer: text (and citationsContent text) blocks joined, toolUse blocks as tool calls
 * (input serialised as JSON text), usage and finish reason. `reasoningContent` blocks (the model's
 * thinking) and other block kinds are not part of the OpenAI answer and are left out. When JSON output was
 * asked for, the synthetic tool's input is the content and other text is dropped (a forced tool call carries
 * the whole answer). With `singleToolCall` only the first call is returned; the usage still counts every
 * token the model produced. An answer that cannot be used (no content, a toolUse block without id or
 * name, a malformed_* stop) is a bad response that carries its usage, which Bedrock bills.
 */
export function converseResponse(
  output: ConverseCommandOutput,
  request: ModelRequest,
  plan: Pick<ConversePlan, "jsonToolName" | "singleToolCall">,
  latencyMs: number,
): ModelResponse {
  // Bedrock bills an answer this platform cannot use all the same: its errors carry the usage to settle.
  const usage = converseUsage(output.usage, { provider: "bedrock", modelKey: request.modelKey });
  const context = { provider: "bedrock" as const, modelKey: request.modelKey, billedUsage: usage };
  const blocks = output.output?.message?.content;
  if (blocks === undefined) {
    throw new ProviderBadResponseError({
      ...context,
      problem: "no output.message.content in the Converse response",
    });
  }
  let text = "";
  let json: string | undefined;
  const toolCalls: ModelToolCall[] = [];
  for (const block of blocks) {
    if (block.text !== undefined) text += block.text;
    // Text the model wrote with citations of a document is in a citationsContent block, not a text block.
    for (const part of block.citationsContent?.content ?? []) text += part.text ?? "";
    const toolUse = block.toolUse;
    if (toolUse === undefined) continue;
    if (toolUse.toolUseId === undefined || toolUse.name === undefined) {
      throw new ProviderBadResponseError({
        ...context,
        problem: "a toolUse block without toolUseId or name",
      });
    }
    const argumentsText = JSON.stringify(toolUse.input ?? {});
    if (plan.jsonToolName !== undefined && toolUse.name === plan.jsonToolName) json ??= argumentsText;
    else toolCalls.push({ id: toolUse.toolUseId, name: toolUse.name, arguments: argumentsText });
  }
  const returnedCalls = plan.singleToolCall ? toolCalls.slice(0, 1) : toolCalls;
  const jsonAnswered = json !== undefined && returnedCalls.length === 0;
  return {
    content: plan.jsonToolName === undefined ? text : jsonAnswered ? (json ?? "") : "",
    toolCalls: returnedCalls,
    finishReason: converseFinishReason(
      output.stopReason,
      { toolCalls: returnedCalls.length, jsonAnswered },
      context,
    ),
    usage,
    provider: "bedrock",
    providerModelId: request.providerModelId,
    latencyMs,
  };
}
