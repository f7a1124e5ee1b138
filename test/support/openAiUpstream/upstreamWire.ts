import { upstreamEmbedding, upstreamTokens } from "./upstreamEmbedding.ts";
import type { UpstreamReply } from "./upstreamReply.ts";

// The test upstream's answers in OpenAI's wire shapes, fields and order as OpenAI sends them, so the
// official clients' parsers accept them.

/** `logprobs` and `top_logprobs` of a request body, when it asks for log probabilities. */
export function logprobsAsked(body: Record<string, unknown>): { top: number } | undefined {
  if (body.logprobs !== true) return undefined;
  return { top: typeof body.top_logprobs === "number" ? body.top_logprobs : 0 };
}

/**
 * The log probability of the reply's piece `index` (one token per piece), as OpenAI writes one: -0.1 for
 * the first piece, -0.2 for the second, ...; with `top`, the piece itself then `alt1`, `alt2`, ... each 1
 * lower.
 */
export function pieceLogprob(piece: string, index: number, top: number) {
  const logprob = -(index + 1) / 10;
  const entry = (token: string, value: number) => ({
    token,
    logprob: value,
    bytes: [...Buffer.from(token, "utf8")],
  });
  const alternatives = Array.from({ length: Math.max(0, top - 1) }, (_, k) =>
    entry(`alt${k + 1}`, logprob - (k + 1)),
  );
  return { ...entry(piece, logprob), top_logprobs: top > 0 ? [entry(piece, logprob), ...alternatives] : [] };
}

/**
 * The chunks of a streamed reply, as OpenAI sends them: for each choice its role first, then the pieces and
 * its finish (the choices' chunks interleaved when `n` > 1), then the usage.
 */
export function chunksOf(
  id: string,
  model: string,
  reply: UpstreamReply,
  includeUsage: boolean,
  logprobs?: { top: number },
): unknown[] {
  const chunk = (
    index: number,
    delta: Record<string, unknown>,
    finishReason: string | null = null,
    choiceLogprobs: unknown = null,
  ) => ({
    id,
    object: "chat.completion.chunk",
    created: 1768478400,
    model,
    choices: [{ index, delta, logprobs: choiceLogprobs, finish_reason: finishReason }],
    ...(includeUsage ? { usage: null } : {}),
  });
  const choiceChunks = (choice: number): unknown[] => {
    const chunks = [chunk(choice, { role: "assistant", content: reply.toolCalls.length > 0 ? null : "" })];
    for (const [index, piece] of reply.pieces.entries()) {
      const pieceLogprobs =
        logprobs === undefined
          ? null
          : { content: [pieceLogprob(piece, index, logprobs.top)], refusal: null };
      chunks.push(chunk(choice, { content: piece }, null, pieceLogprobs));
    }
    for (const [index, call] of reply.toolCalls.entries()) {
      chunks.push(
        chunk(choice, {
          tool_calls: [
            { index, id: call.id, type: "function", function: { name: call.name, arguments: "" } },
          ],
        }),
      );
      for (let start = 0; start < call.arguments.length; start += 4) {
        chunks.push(
          chunk(choice, {
            tool_calls: [{ index, function: { arguments: call.arguments.slice(start, start + 4) } }],
          }),
        );
      }
    }
    chunks.push(chunk(choice, {}, reply.finishReason));
    return chunks;
  };
  const perChoice = Array.from({ length: reply.choices }, (_, choice) => choiceChunks(choice));
  const chunks: unknown[] = [];
  for (let position = 0; position < (perChoice[0]?.length ?? 0); position++) {
    for (const choiceList of perChoice) chunks.push(choiceList[position]);
  }
  if (includeUsage) {
    chunks.push({
      id,
      object: "chat.completion.chunk",
      created: 1768478400,
      model,
      choices: [],
      usage: reply.usage,
    });
  }
  return chunks;
}

/** A chat completion body of a reply, as OpenAI writes one. */
export function completion(
  id: string,
  model: string,
  reply: UpstreamReply,
  logprobs?: { top: number },
): unknown {
  const content = reply.toolCalls.length > 0 ? null : reply.pieces.join("");
  return {
    id,
    object: "chat.completion",
    created: 1768478400,
    model,
    choices: Array.from({ length: reply.choices }, (_, index) => ({
      index,
      message: {
        role: "assistant",
        content,
        refusal: null,
        ...(reply.toolCalls.length === 0
          ? {}
          : {
              tool_calls: reply.toolCalls.map((call) => ({
                id: call.id,
                type: "function",
                function: { name: call.name, arguments: call.arguments },
              })),
            }),
      },
      logprobs:
        logprobs === undefined
          ? null
          : {
              content: reply.pieces.map((piece, index) => pieceLogprob(piece, index, logprobs.top)),
              refusal: null,
            },
      finish_reason: reply.finishReason,
    })),
    usage: reply.usage,
  };
}

/** An embeddings list for an `/embeddings` body: float or base64 (`encoding_format`), 8 dimensions unless asked. */
export function embeddings(body: Record<string, unknown>): unknown {
  const inputs = Array.isArray(body.input) ? body.input.map(String) : [String(body.input)];
  const dimensions = typeof body.dimensions === "number" ? body.dimensions : 8;
  const promptTokens = inputs.reduce((sum, input) => sum + upstreamTokens(input), 0);
  return {
    object: "list",
    data: inputs.map((input, index) => {
      const vector = upstreamEmbedding(input, dimensions);
      const embedding =
        body.encoding_format === "base64"
          ? Buffer.from(new Float32Array(vector).buffer).toString("base64")
          : vector;
      return { object: "embedding", index, embedding };
    }),
    model: body.model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}
