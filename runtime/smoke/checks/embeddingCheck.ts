import { embeddingListSchema } from "../../api/schemas/embeddings.ts";
import { everyScope, type SmokeContext } from "../smokeContext.ts";
import { type CheckOutcome, fail, pass } from "../smokeReport.ts";
import { requestIdProblem, unexpectedStatus } from "./describeResponse.ts";
import { schemaProblem } from "./schemaProblem.ts";

/** Two short texts: a batch, so "one vector per input, in input order" is checked; a few tokens in all. */
export const smokeEmbeddingInputs = ["silo smoke test", "a second text to embed"] as const;

/**
 * `POST /v1/embeddings` with `model` (an embedding model of the tenant's list) and two texts, floats:
 * 200 with `x-request-id`, a well-formed EmbeddingList from that model with one vector per input in input
 * order, every vector of the same dimensions and finite numbers, and a usage with input tokens.
 */
export async function checkEmbeddings(
  smoke: SmokeContext,
  tenantId: string,
  model: string,
): Promise<CheckOutcome> {
  const response = await smoke.client.send({
    tenantId,
    method: "POST",
    path: "/v1/embeddings",
    token: await smoke.tokens.token(tenantId, everyScope),
    body: { model, input: smokeEmbeddingInputs, encoding_format: "float" },
  });
  if (response.status !== 200) return fail(unexpectedStatus(response, 200));
  const problem = schemaProblem(embeddingListSchema, response.body);
  if (problem) return fail(`200, but not an EmbeddingList: ${problem}`);
  const list = embeddingListSchema.parse(response.body);
  const vectors = list.data.map((item) => item.embedding);
  const dimensions = new Set(vectors.map((vector) => vector.length));
  const problems = [
    requestIdProblem(response),
    list.model !== model && `answered by model ${list.model}, not ${model}`,
    list.data.length !== smokeEmbeddingInputs.length &&
      `${list.data.length} vector(s) for ${smokeEmbeddingInputs.length} inputs`,
    list.data.some((item, position) => item.index !== position) &&
      `indexes ${list.data.map((item) => item.index).join(", ")}, not in input order`,
    vectors.some((vector) => typeof vector === "string") && "base64 vectors although floats were asked for",
    dimensions.size > 1 && `vectors of different dimensions: ${[...dimensions].join(", ")}`,
    dimensions.has(0) && "an empty vector",
    vectors.some((vector) => Array.isArray(vector) && vector.some((value) => !Number.isFinite(value))) &&
      "a vector holds a number that is not finite",
    (list.usage.prompt_tokens === 0 || list.usage.total_tokens !== list.usage.prompt_tokens) &&
      `the usage is ${list.usage.prompt_tokens} prompt, ${list.usage.total_tokens} total tokens`,
  ].filter((found): found is string => typeof found === "string");
  if (problems.length > 0) return fail(`200, but ${problems.join("; ")}`);
  return pass(
    `200 from ${model}, ${vectors.length} vectors of ${[...dimensions][0]} dimensions, ${list.usage.prompt_tokens} tokens`,
  );
}
