import * as z from "zod";
import { chatCompletionSchema } from "../../api/schemas/chatCompletions.ts";
import { everyScope, type SmokeContext } from "../smokeContext.ts";
import { type CheckOutcome, fail, pass, skip } from "../smokeReport.ts";
import {
  describeResponse,
  isUnsupportedByModel,
  requestIdProblem,
  unexpectedStatus,
} from "./describeResponse.ts";
import { schemaProblem } from "./schemaProblem.ts";
import { smokeMaxTokens } from "./smokePrompt.ts";

/** The answer the suite asks for, as zod validates it; {@link smokeAnswerJsonSchema} is the same shape. */
export const smokeAnswerSchema = z.strictObject({ word: z.string(), confident: z.boolean() });

/** {@link smokeAnswerSchema} as the JSON Schema sent in `response_format` (strict mode's subset). */
export const smokeAnswerJsonSchema = {
  type: "object",
  properties: {
    word: { type: "string", description: "The word ok" },
    confident: { type: "boolean", description: "Whether you are sure of the word" },
  },
  required: ["word", "confident"],
  additionalProperties: false,
} as const;

const structuredPrompt = "silo smoke test: answer with the word ok, and whether you are sure of it";

/**
 * Structured output: `response_format` `json_schema` with `strict: true`. Passes on a 200 ChatCompletion with
 * `x-request-id`, finish reason `stop`, whose content parses as JSON valid against the schema. A model that
 * cannot honour it (400 `MODEL_UNSUPPORTED_PARAMETER`) skips the check; a format silently dropped fails it.
 */
export async function checkStructuredOutput(
  smoke: SmokeContext,
  tenantId: string,
  model: string,
): Promise<CheckOutcome> {
  const response = await smoke.client.send({
    tenantId,
    method: "POST",
    path: "/v1/chat/completions",
    token: await smoke.tokens.token(tenantId, everyScope),
    body: {
      model,
      messages: [{ role: "user", content: structuredPrompt }],
      // JSON takes more tokens than a word; an answer cut short would be invalid JSON.
      max_tokens: smokeMaxTokens * 4,
      response_format: {
        type: "json_schema",
        json_schema: { name: "smoke_answer", strict: true, schema: smokeAnswerJsonSchema },
      },
    },
  });
  if (isUnsupportedByModel(response))
    return skip(`${model} cannot answer in a JSON schema: ${describeResponse(response)}`);
  if (response.status !== 200) return fail(unexpectedStatus(response, 200));
  const problem = schemaProblem(chatCompletionSchema, response.body);
  if (problem) return fail(`200, but not a ChatCompletion: ${problem}`);
  const missingId = requestIdProblem(response);
  if (missingId) return fail(`200, but ${missingId}`);
  const choice = chatCompletionSchema.parse(response.body).choices[0];
  const content = choice?.message.content ?? "";
  if (choice?.finish_reason !== "stop")
    return fail(`200, but finish reason ${choice?.finish_reason}, not stop`);
  let answer: unknown;
  try {
    answer = JSON.parse(content);
  } catch {
    return fail(`200, but the content is not JSON: ${JSON.stringify(content.slice(0, 120))}`);
  }
  const invalid = schemaProblem(smokeAnswerSchema, answer);
  if (invalid) return fail(`200, but the JSON does not match the schema: ${invalid}`);
  return pass(
    `200, JSON valid against the schema: ${content.length > 80 ? `${content.slice(0, 77)}...` : content}`,
  );
}
