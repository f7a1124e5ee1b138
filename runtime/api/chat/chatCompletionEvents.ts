import type { MeteredStream, StreamOutcome } from "../../core/metering/meteredStream.ts";
import { primed, primeGenerator } from "../../core/streams/primeGenerator.ts";
import { problemFromError } from "../problemFromError.ts";
import type { ChatCompletionChunk } from "../schemas/chatCompletions.ts";
import { completionId, toCompletionUsage } from "./toChatCompletion.ts";
import { toChoiceLogprobs } from "./toChoiceLogprobs.ts";

/** What {@link chatCompletionEvents} needs besides the stream. */
export interface ChatEventOptions {
  readonly createdSeconds: number;
  /** `stream_options.include_usage`: a last chunk with the usage, and `usage: null` on the others. */
  readonly includeUsage: boolean;
  readonly requestId: string;
  /** Called once the ledger entry is settled or released, e.g. to log the cost and raise budget alerts. */
  readonly onOutcome?: (outcome: StreamOutcome) => void;
}

/**
 * A metered model stream as OpenAI's server-sent events: `data: {chat.completion.chunk}` lines, the role
 * first (in one yielded string with the first token), content and tool-call deltas as the model produces
 * them (each content delta with its tokens' `logprobs` when the request asked for them), the finish reason,
 * the usage chunk when asked for, then `data: [DONE]`. With `n` > 1 each chunk carries its choice's index,
 * each choice opens with its own role chunk, and every choice's finish reason comes at the end. An error after the first byte cannot change the status any more: it is
 * sent as `data: {"error": {...}}` in OpenAI's error shape (which the official clients raise) and the
 * stream ends without `[DONE]`. Stopping the iteration stops the model (the ledger settles what it made).
 */
export async function chatCompletionEvents(
  stream: MeteredStream,
  options: ChatEventOptions,
): Promise<AsyncGenerator<string, void, undefined>> {
  const base = {
    id: completionId(stream.ledgerEntryId),
    object: "chat.completion.chunk" as const,
    created: options.createdSeconds,
    model: stream.modelKey,
    ...(options.includeUsage ? { usage: null } : {}),
  };
  const chunk = (
    delta: ChatCompletionChunk["choices"][number]["delta"],
    finish: ChatCompletionChunk["choices"][number]["finish_reason"] = null,
    logprobs: ChatCompletionChunk["choices"][number]["logprobs"] = null,
    index = 0,
  ) => sse({ ...base, choices: [{ index, delta, finish_reason: finish, logprobs }] });
  void stream.outcome.then((outcome) => options.onOutcome?.(outcome));

  // The role chunk goes out with whatever comes first (the first token, usually): one write, not two.
  let roleChunk = chunk({ role: "assistant", content: "", refusal: null });
  const withRole = (text: string) => {
    const out = roleChunk + text;
    roleChunk = "";
    return out;
  };
  // With n > 1, each other choice's role chunk goes out with that choice's first chunk.
  const opened = new Set<number>([0]);
  const ofChoice = (index: number, text: string) => {
    if (opened.has(index)) return text;
    opened.add(index);
    return chunk({ role: "assistant", content: "", refusal: null }, null, null, index) + text;
  };

  async function* events(): AsyncGenerator<string | typeof primed, void, undefined> {
    try {
      yield primed;
      for await (const event of stream.events) {
        if (event.type === "text") {
          const index = event.choice ?? 0;
          if (event.text !== "" || event.logprobs !== undefined) {
            const logprobs = toChoiceLogprobs(event.logprobs);
            yield withRole(ofChoice(index, chunk({ content: event.text }, null, logprobs, index)));
          }
        } else if (event.type === "tool_call") {
          const index = event.choice ?? 0;
          const delta = {
            tool_calls: [
              {
                index: event.index,
                ...(event.id === undefined ? {} : { id: event.id, type: "function" as const }),
                function: {
                  ...(event.name === undefined ? {} : { name: event.name }),
                  arguments: event.argumentsDelta,
                },
              },
            ],
          };
          yield withRole(ofChoice(index, chunk(delta, null, null, index)));
        } else {
          const others = (event.otherFinishReasons ?? []).map((reason, other) =>
            ofChoice(other + 1, chunk({}, reason, null, other + 1)),
          );
          yield withRole(chunk({}, event.finishReason) + others.join(""));
          // The ledger settled before `finish` was handed on: its usage is the provider's, or the counted one.
          const outcome = options.includeUsage ? await stream.outcome : undefined;
          if (outcome?.kind === "settled")
            yield sse({ ...base, choices: [], usage: toCompletionUsage(outcome.usage) });
        }
      }
      yield withRole("data: [DONE]\n\n");
    } catch (error) {
      // The ledger has settled or released the call by now (meteredStream ends it before rethrowing); an
      // error of this function's own finds no outcome yet and says nothing was charged.
      const outcome = await Promise.race([
        stream.outcome,
        new Promise<undefined>((resolve) => setImmediate(() => resolve(undefined))),
      ]);
      const problem = problemFromError(error, {
        requestId: options.requestId,
        openAiCompatible: true,
        charged: outcome?.kind === "settled",
      });
      yield withRole(sse({ error: problem.body.error, requestId: options.requestId }));
    } finally {
      // Reached early when the caller stops reading: stops the model and settles what it produced.
      await stream.events.return(undefined);
    }
  }
  return await primeGenerator(events());
}

function sse(data: unknown): string {
  return `data: ${JSON.stringify(data)}\n\n`;
}
