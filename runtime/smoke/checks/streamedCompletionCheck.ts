import { everyScope, type SmokeContext } from "../smokeContext.ts";
import { type CheckOutcome, fail, pass } from "../smokeReport.ts";
import { requestIdProblem, unexpectedStatus } from "./describeResponse.ts";
import { readChatStream } from "./readChatStream.ts";
import { smokeMaxTokens, smokePrompt } from "./smokePrompt.ts";

/**
 * A streamed chat completion (`stream: true` with `stream_options.include_usage`), as chat UIs call it:
 * 200 `text/event-stream` with `x-request-id`, every event a well-formed chunk of one completion from
 * `model`, some content, a finish reason, a last chunk with the usage, then `[DONE]`. Model-agnostic;
 * `expectedText` (the non-streamed answer of a deterministic model) must then equal the joined deltas.
 */
export async function checkStreamedCompletion(
  smoke: SmokeContext,
  tenantId: string,
  model: string,
  expectedText?: string,
): Promise<CheckOutcome> {
  const response = await smoke.client.send({
    tenantId,
    method: "POST",
    path: "/v1/chat/completions",
    token: await smoke.tokens.token(tenantId, everyScope),
    body: {
      model,
      messages: [{ role: "user", content: smokePrompt }],
      max_tokens: smokeMaxTokens,
      stream: true,
      stream_options: { include_usage: true },
    },
  });
  if (response.status !== 200) return fail(unexpectedStatus(response, 200));
  if (response.contentType !== "text/event-stream")
    return fail(`200, but ${response.contentType || "no content type"}, not text/event-stream`);
  if (typeof response.body !== "string") return fail("200, but the body is empty");
  const stream = readChatStream(response.body, { includeUsage: true });
  const models = new Set(stream.chunks.map((chunk) => chunk.model));
  const problems = [
    requestIdProblem(response),
    ...stream.problems,
    [...models].some((answered) => answered !== model) &&
      `chunks from model ${[...models].join(", ")}, not ${model}`,
    stream.text === "" && "no content in any chunk",
    expectedText !== undefined &&
      stream.text !== expectedText &&
      `a deterministic model streamed ${JSON.stringify(stream.text)}, not its non-streamed answer ${JSON.stringify(expectedText)}`,
  ].filter((problem): problem is string => typeof problem === "string");
  if (problems.length > 0) return fail(`200, but ${problems.join("; ")}`);
  const usage = stream.usage;
  return pass(
    `200, ${stream.chunks.length} chunks and [DONE], ${stream.text.length} characters, ` +
      `${usage?.prompt_tokens} + ${usage?.completion_tokens} tokens, ${stream.finishReason}` +
      (expectedText !== undefined ? ", the same text as the non-streamed answer" : ""),
  );
}
