import { describe, expect, it } from "vitest";
import { checkEmbeddings } from "../../../../runtime/smoke/checks/embeddingCheck.ts";
import { fakeSmokeContext, response } from "../fakeSmokeContext.ts";

function embeddingList(vectors: unknown[], overrides: Record<string, unknown> = {}) {
  return {
    object: "list",
    data: vectors.map((embedding, index) => ({ object: "embedding", index, embedding })),
    model: "titan-embed",
    usage: { prompt_tokens: 10, total_tokens: 10 },
    ...overrides,
  };
}

async function check(answer: ReturnType<typeof response>) {
  const { context, requests } = fakeSmokeContext(() => answer);
  const outcome = await checkEmbeddings(context, "globex", "titan-embed");
  return { outcome, request: requests[0] };
}

describe("checkEmbeddings", () => {
  it("embeds two texts as floats and passes one vector per input of the same dimensions", async () => {
    const { outcome, request } = await check(
      response(
        200,
        embeddingList([
          [0.6, 0.8],
          [1, 0],
        ]),
      ),
    );

    expect(outcome).toEqual({
      status: "pass",
      detail: "200 from titan-embed, 2 vectors of 2 dimensions, 10 tokens",
    });
    expect(request).toMatchObject({
      method: "POST",
      path: "/v1/embeddings",
      body: {
        model: "titan-embed",
        input: ["silo smoke test", "a second text to embed"],
        encoding_format: "float",
      },
    });
  });

  it("fails a vector short, vectors of different dimensions, and base64 when floats were asked for", async () => {
    expect((await check(response(200, embeddingList([[0.6, 0.8]])))).outcome.detail).toBe(
      "200, but 1 vector(s) for 2 inputs",
    );
    expect((await check(response(200, embeddingList([[0.6, 0.8], [1]])))).outcome.detail).toBe(
      "200, but vectors of different dimensions: 2, 1",
    );
    expect((await check(response(200, embeddingList(["AACAPw==", "AACAPw=="])))).outcome.detail).toBe(
      "200, but base64 vectors although floats were asked for",
    );
  });

  it("fails another model, vectors out of order, and usage without tokens", async () => {
    const list = embeddingList([[1], [0]], {
      model: "cohere-embed",
      usage: { prompt_tokens: 0, total_tokens: 0 },
    });
    list.data.reverse();

    expect((await check(response(200, list))).outcome.detail).toBe(
      "200, but answered by model cohere-embed, not titan-embed; indexes 1, 0, not in input order; the usage is 0 prompt, 0 total tokens",
    );
  });

  it("fails a refusal and an answer without x-request-id", async () => {
    const refusal = response(
      403,
      { code: "MODEL_NOT_ALLOWED", detail: "titan-embed is not a model of this tenant" },
      "application/problem+json",
    );

    expect((await check(refusal)).outcome.detail).toBe(
      "expected 200, got 403 MODEL_NOT_ALLOWED: titan-embed is not a model of this tenant",
    );
    expect(
      (await check(response(200, embeddingList([[1], [0]]), "application/json", {}))).outcome.detail,
    ).toBe("200, but no x-request-id header");
  });
});
