/** Builds the body of a streamed chat completion as the API sends it, for the stream checks' tests. */

const base = { id: "chatcmpl-0b7e6f9c", object: "chat.completion.chunk", created: 1_767_225_600 };

/** One `chat.completion.chunk` with one choice. */
export function chunk(
  delta: Record<string, unknown>,
  finishReason: string | null = null,
  model = "nova-micro",
) {
  return {
    ...base,
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
    usage: null,
  };
}

/** The last chunk of a stream with `include_usage`: no choices, the call's usage. */
export function usageChunk(prompt = 10, completion = 3, total = prompt + completion) {
  return {
    ...base,
    model: "nova-micro",
    choices: [],
    usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: total },
  };
}

/** The chunks of an answer streamed in `pieces`: role, the pieces, the finish, the usage. */
export function answerChunks(pieces: readonly string[]): unknown[] {
  return [
    chunk({ role: "assistant", content: "", refusal: null }),
    ...pieces.map((piece) => chunk({ content: piece })),
    chunk({}, "stop"),
    usageChunk(),
  ];
}

/** The events as an SSE body: `data: <json>` each, then `data: [DONE]` unless `done` is false. */
export function sseBody(events: readonly unknown[], done = true): string {
  const lines = events.map(
    (event) => `data: ${typeof event === "string" ? event : JSON.stringify(event)}\n\n`,
  );
  return `${lines.join("")}${done ? "data: [DONE]\n\n" : ""}`;
}
