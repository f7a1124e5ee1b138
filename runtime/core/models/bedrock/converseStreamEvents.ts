import type { ConverseStreamOutput, TokenUsage } from "@aws-sdk/client-bedrock-runtime";
import { ProviderBadResponseError } from "../modelErrors.ts";
import type { ModelStreamEvent } from "../modelTypes.ts";
import { converseFinishReason } from "./converseFinishReason.ts";
import type { ConversePlan } from "./converseRequest.ts";
import { converseUsage } from "./converseUsage.ts";

/** The exception members of a ConverseStream event, and the SDK error name each stands for. */
const exceptionMembers = {
  throttlingException: "ThrottlingException",
  modelStreamErrorException: "ModelStreamErrorException",
  validationException: "ValidationException",
  serviceUnavailableException: "ServiceUnavailableException",
  internalServerException: "InternalServerException",
} as const;

/**
 * What a toolUse content block of the stream turned out to be, by its `contentBlockIndex`, and whether any
 * input arrived for it: a call without arguments may get no input delta, or only `""`.
 */
type Block =
  | { readonly kind: "json"; hasInput: boolean }
  | { readonly kind: "tool"; readonly index: number; hasInput: boolean }
  | { readonly kind: "dropped" };

/**
 * Maps ConverseStream events to {@link ModelStreamEvent}s: text deltas to `text`, a toolUse block to
 * `tool_call` events (the first with id and name, then one per input delta), and `finish` once the upstream
 * ends, since `metadata` (the usage) arrives after `messageStop` (the stop reason). The synthetic JSON tool's
 * input deltas become `text`, and other text is dropped in JSON mode, as in `converseResponse`. A toolUse
 * block that closes without any input gets `{}`, as `converseResponse` serialises an absent input, so the
 * joined arguments are always a JSON object. Reasoning, citation, image and toolResult deltas, other
 * `contentBlockStart` kinds and members the SDK does not know (`$unknown`) are not part of the OpenAI answer
 * and are skipped.
 *
 * An exception event (e.g. `throttlingException`) is thrown as an error named like the SDK's exception, so
 * the provider maps it in the same place as a failed call. The real SDK throws those itself; a mocked or
 * future SDK may hand them over as events. A stream that ends unusably (no messageStop, a malformed_* stop)
 * is a bad response carrying the usage its metadata reported, which Bedrock bills.
 */
export async function* converseStreamEvents(
  upstream: AsyncIterable<ConverseStreamOutput>,
  plan: Pick<ConversePlan, "jsonToolName" | "singleToolCall">,
  context: { provider: "bedrock"; modelKey: string },
): AsyncGenerator<ModelStreamEvent> {
  const blocks = new Map<number, Block>();
  let toolCalls = 0;
  let jsonAnswered = false;
  let stopReason: string | undefined;
  let usage: TokenUsage | undefined;

  for await (const event of upstream) {
    for (const [member, name] of Object.entries(exceptionMembers)) {
      const exception = (event as unknown as Record<string, { message?: string } | undefined>)[member];
      if (exception !== undefined) {
        throw Object.assign(new Error(exception.message ?? member), { name, $metadata: {} });
      }
    }
    if (event.contentBlockStart?.start?.toolUse !== undefined) {
      const { toolUseId, name } = event.contentBlockStart.start.toolUse;
      const blockIndex = event.contentBlockStart.contentBlockIndex ?? 0;
      if (plan.jsonToolName !== undefined && name === plan.jsonToolName) {
        // After a call of the caller's tools the answer is that call, not the JSON, as in converseResponse.
        blocks.set(blockIndex, toolCalls > 0 ? { kind: "dropped" } : { kind: "json", hasInput: false });
        jsonAnswered = true;
      } else if (plan.singleToolCall && toolCalls > 0) {
        blocks.set(blockIndex, { kind: "dropped" });
      } else {
        const index = toolCalls++;
        blocks.set(blockIndex, { kind: "tool", index, hasInput: false });
        yield { type: "tool_call", index, id: toolUseId, name, argumentsDelta: "" };
      }
    } else if (event.contentBlockDelta?.delta !== undefined) {
      const { delta, contentBlockIndex } = event.contentBlockDelta;
      if (delta.text !== undefined) {
        if (plan.jsonToolName === undefined && delta.text !== "") yield { type: "text", text: delta.text };
      } else if (delta.toolUse !== undefined) {
        const block = blocks.get(contentBlockIndex ?? 0);
        if (block === undefined) {
          throw new ProviderBadResponseError({
            ...context,
            problem: `a toolUse delta for content block ${contentBlockIndex} that no contentBlockStart opened`,
          });
        }
        const input = delta.toolUse.input ?? "";
        if (block.kind !== "dropped" && input !== "") block.hasInput = true;
        if (block.kind === "json" && input !== "") yield { type: "text", text: input };
        if (block.kind === "tool") yield { type: "tool_call", index: block.index, argumentsDelta: input };
      }
      // reasoningContent (the model's thinking, not its answer), citation and other deltas are skipped.
    } else if (event.contentBlockStop !== undefined) {
      const blockIndex = event.contentBlockStop.contentBlockIndex ?? 0;
      const empty = closeBlock(blocks, blockIndex);
      if (empty !== undefined) yield empty;
    } else if (event.messageStop !== undefined) {
      stopReason = event.messageStop.stopReason ?? "";
    } else if (event.metadata !== undefined) {
      usage = event.metadata.usage;
    }
  }

  // A block the stream never closed (a model may stop at max_tokens mid-call) still gets its `{}`.
  for (const blockIndex of [...blocks.keys()]) {
    const empty = closeBlock(blocks, blockIndex);
    if (empty !== undefined) yield empty;
  }
  // Bedrock bills an answer this platform cannot use all the same: its errors carry the usage to settle.
  const finalUsage = usage === undefined ? undefined : converseUsage(usage, context);
  const billed = { ...context, billedUsage: finalUsage };
  if (stopReason === undefined) {
    throw new ProviderBadResponseError({
      ...billed,
      problem: "the ConverseStream ended without messageStop",
    });
  }
  const answeredJson = jsonAnswered && toolCalls === 0;
  yield {
    type: "finish",
    finishReason: converseFinishReason(stopReason, { toolCalls, jsonAnswered: answeredJson }, billed),
    usage: finalUsage,
  };
}

/** Forgets a closed block, returning the `{}` input of a toolUse block that received none. */
function closeBlock(blocks: Map<number, Block>, blockIndex: number): ModelStreamEvent | undefined {
  const block = blocks.get(blockIndex);
  blocks.delete(blockIndex);
  if (block === undefined || block.kind === "dropped" || block.hasInput) return undefined;
  return block.kind === "json"
    ? { type: "text", text: "{}" }
    : { type: "tool_call", index: block.index, argumentsDelta: "{}" };
}
