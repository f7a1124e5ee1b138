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

/** What a content block of the stream turned out to be, by its `contentBlockIndex`. */
type Block =
  | { readonly kind: "json" }
  | { readonly kind: "tool"; readonly index: number }
  | { readonly kind: "dropped" };

/**
 * Maps ConverseStream events to {@link ModelStreamEvent}s: text deltas to `text`, a toolUse block to
 * `tool_call` events (the first with id and name, then one per input delta), and `finish` once the upstream
 * ends, since `metadata` (the usage) arrives after `messageStop` (the stop reason). The synthetic JSON tool's
 * input deltas become `text`, and other text is dropped in JSON mode, as in `converseResponse`.
 *
 * An exception event (e.g. `throttlingException`) is thrown as an error named like the SDK's exception, so
 * the provider maps it in the same place as a failed call. The real SDK throws those itself; a mocked or
 * future SDK may hand them over as events.
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
        blocks.set(blockIndex, { kind: "json" });
        jsonAnswered = true;
      } else if (plan.singleToolCall && toolCalls > 0) {
        blocks.set(blockIndex, { kind: "dropped" });
      } else {
        const index = toolCalls++;
        blocks.set(blockIndex, { kind: "tool", index });
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
        if (block.kind === "json" && input !== "") yield { type: "text", text: input };
        if (block.kind === "tool") yield { type: "tool_call", index: block.index, argumentsDelta: input };
      }
      // reasoningContent and other deltas are not part of the OpenAI answer.
    } else if (event.messageStop !== undefined) {
      stopReason = event.messageStop.stopReason ?? "";
    } else if (event.metadata !== undefined) {
      usage = event.metadata.usage;
    }
  }

  if (stopReason === undefined) {
    throw new ProviderBadResponseError({
      ...context,
      problem: "the ConverseStream ended without messageStop",
    });
  }
  const answeredJson = jsonAnswered && toolCalls === 0;
  yield {
    type: "finish",
    finishReason: converseFinishReason(stopReason, { toolCalls, jsonAnswered: answeredJson }, context),
    usage: usage === undefined ? undefined : converseUsage(usage, context),
  };
}
