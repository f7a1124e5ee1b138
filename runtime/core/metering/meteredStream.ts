import { performance } from "node:perf_hooks";
import { countTokens } from "../models/countTokens.ts";
import { messageImageCount, messageText } from "../models/messageText.ts";
import { billedUsageOf } from "../models/modelErrors.ts";
import type { ModelMessage, ModelStreamEvent, ModelUsage } from "../models/modelTypes.ts";
import { primed, primeGenerator } from "../streams/primeGenerator.ts";
import { roundMs } from "../time/roundMs.ts";
import { endFailedCall } from "./endFailedCall.ts";
import { imageTokenEstimate } from "./estimateInputTokens.ts";
import {
  type MeteredCallInput,
  type MeteringDeps,
  reserveModelCall,
  routerRequestOf,
} from "./reserveModelCall.ts";

/** How a metered stream ended in the ledger. */
export type StreamOutcome =
  | {
      readonly kind: "settled";
      /** `finished`: the model's own end; `aborted`: the caller went away; `failed`: the provider failed mid-answer. */
      readonly reason: "finished" | "aborted" | "failed";
      readonly usage: ModelUsage;
      /** True when the provider reported no usage and the kit counted it (see {@link countedUsage}). */
      readonly counted: boolean;
      readonly costUsd: string;
    }
  | { readonly kind: "released"; readonly reason: string }
  | { readonly kind: "unsettled"; readonly reason: string };

/** A model answer being streamed under metering. */
export interface MeteredStream {
  readonly modelKey: string;
  readonly ledgerEntryId: string;
  /**
   * The model's events, the first already received from the provider. Ends after `finish`, which is
   * yielded only once the ledger entry is settled. Breaking out of it (`return()`) stops the provider.
   */
  readonly events: AsyncGenerator<ModelStreamEvent, void, undefined>;
  /** Settles with how the ledger entry ended, once it has; never rejects. */
  readonly outcome: Promise<StreamOutcome>;
  /** Milliseconds to reserve and to the provider's first event, for the request's log line. */
  readonly timings: { readonly reserveMs: number; readonly firstEventMs: number };
}

/**
 * Streams a model's answer under two-phase metering. Every streamed call leaves exactly one ledger row,
 * settled or released once, by these rules (docs/ledger.md):
 *
 * - Before the first event, a failure releases the reservation and rejects: the caller answers with an
 *   ordinary error and nothing is billed.
 * - The model finishes: settle with the provider's final usage (or, if it reported none, the counted
 *   usage), then yield `finish`.
 * - The caller goes away (`return()` on `events`, or the signal aborts): stop reading from the provider
 *   and settle with the counted usage of what it produced; the provider accepted the prompt, so it bills.
 * - The provider fails after the first event: settle with the counted usage if any output was produced,
 *   otherwise release.
 * - The provider answers unusably but reports its usage (a bad response carrying `billedUsage`, e.g. a
 *   Bedrock `malformed_model_output` stop): settle with that usage, before or after the first event; the
 *   provider bills it.
 *
 * Budgets cannot be overshot: the reservation holds the priced maximum (prompt estimate plus `maxTokens`
 * of output for each of the `n` choices) before the first byte, and counted output is capped at that.
 *
 * @example
 * const stream = await meteredStream(input, deps);
 * for await (const event of stream.events) write(event);
 */
export async function meteredStream(input: MeteredCallInput, deps: MeteringDeps): Promise<MeteredStream> {
  const call = await reserveModelCall(input, deps);
  const reserved = performance.now();
  const release = (reason: string): Promise<StreamOutcome> =>
    deps.ledger.release(call.entryId, reason).then(
      (): StreamOutcome => ({ kind: "released", reason }),
      (): StreamOutcome => ({ kind: "unsettled", reason: `release failed after ${reason}` }),
    );

  const upstream = deps.router.stream(routerRequestOf(input, call), deps.signal);
  let first: IteratorResult<ModelStreamEvent, void>;
  try {
    first = await upstream.next();
  } catch (error) {
    await endFailedCall(deps.ledger, call.entryId, error);
    throw error;
  }
  const firstEventMs = performance.now() - reserved;

  let resolveOutcome: (outcome: StreamOutcome) => void = () => undefined;
  const outcome = new Promise<StreamOutcome>((resolve) => {
    resolveOutcome = resolve;
  });
  let ended = false;
  const end = async (next: () => Promise<StreamOutcome>): Promise<StreamOutcome> => {
    if (ended) return outcome;
    ended = true;
    const result = await next();
    resolveOutcome(result);
    return result;
  };
  const settle = (reason: "finished" | "aborted" | "failed", usage: ModelUsage, counted: boolean) =>
    end(() =>
      deps.ledger.settle(call.entryId, usage).then(
        ({ costUsd }): StreamOutcome => ({ kind: "settled", reason, usage, counted, costUsd }),
        (): StreamOutcome => ({ kind: "unsettled", reason: `settle failed after ${reason}` }),
      ),
    );

  let outputText = "";
  async function* events(): AsyncGenerator<ModelStreamEvent | typeof primed, void, undefined> {
    let current = first;
    let failure: unknown;
    try {
      yield primed;
      while (current.done !== true) {
        const event = current.value;
        if (event.type === "finish") {
          const counted = event.usage === undefined;
          const usage = event.usage ?? countedUsage(input.messages, outputText, call.maxOutputTokens);
          const result = await settle("finished", usage, counted);
          if (result.kind !== "settled") {
            // The answer is not recorded: the caller must not get a complete-looking stream.
            throw new Error(`the usage ledger could not record the stream (${result.reason})`);
          }
          yield event;
          return;
        }
        outputText += event.type === "text" ? event.text : `${event.name ?? ""}${event.argumentsDelta}`;
        yield event;
        current = await upstream.next();
      }
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      if (!ended) {
        // Stops the provider's read (a no-op when it already ended or threw).
        await upstream.return(undefined).catch(() => undefined);
        const usage = countedUsage(input.messages, outputText, call.maxOutputTokens);
        const billed = billedUsageOf(failure);
        if (failure === undefined || deps.signal.aborted) await settle("aborted", usage, true);
        else if (billed !== undefined) await settle("failed", billed, false);
        else if (outputText.length > 0) await settle("failed", usage, true);
        else await end(() => release((failure as { code?: string }).code ?? "MODEL_CALL_FAILED"));
      }
    }
  }

  return {
    modelKey: call.model.key,
    ledgerEntryId: call.entryId,
    events: await primeGenerator(events()),
    outcome,
    timings: { reserveMs: roundMs(call.reserveMs), firstEventMs: roundMs(firstEventMs) },
  };
}

/**
 * Usage the kit counts when the provider reported none (it was stopped, or sends no usage): the prompt
 * and the output so far at one token per started 4 UTF-8 bytes (`countTokens`), {@link imageTokenEstimate}
 * per image, output capped at the tokens the call was granted.
 */
export function countedUsage(
  messages: readonly ModelMessage[],
  outputText: string,
  maxTokens: number,
): ModelUsage {
  let inputTokens = 0;
  for (const message of messages) {
    inputTokens += countTokens(messageText(message)) + messageImageCount(message) * imageTokenEstimate;
  }
  return {
    inputTokens,
    outputTokens: Math.min(countTokens(outputText), maxTokens),
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
  };
}
