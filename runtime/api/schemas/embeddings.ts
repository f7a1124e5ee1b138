import * as z from "zod";
import { tokenCount } from "./common.ts";
import { modelKey } from "./models.ts";

// `POST /v1/embeddings` follows OpenAI's Embeddings API, so `openai.embeddings.create`, the AI SDK's
// `embed`/`embedMany` and LangChain's `OpenAIEmbeddings` work against it. The openai client asks for
// base64 by default and decodes it itself; both encodings are served.
// https://platform.openai.com/docs/api-reference/embeddings/create

/** Texts one request may embed (OpenAI's limit). */
export const maxEmbeddingInputs = 2048;

/** Characters one input may hold; about 8,192 tokens, the longest input the kit's embedding models take. */
export const maxEmbeddingInputChars = 32_768;

const input = z
  .string()
  .min(1, "must not be empty: embedding models refuse empty text")
  .max(maxEmbeddingInputChars, `must be at most ${maxEmbeddingInputChars} characters`);

/** An embeddings request, as OpenAI clients send it. */
export const embeddingRequestSchema = z
  .looseObject({
    model: modelKey.describe("An embedding model key from the tenant's allowlist (type: embedding)"),
    input: z.union(
      [
        input,
        z
          .array(input)
          .min(1, "must hold at least one text")
          .max(maxEmbeddingInputs, `must hold at most ${maxEmbeddingInputs} texts; send several requests`),
      ],
      {
        error:
          "must be a string or an array of strings; token arrays are not supported: send the text itself",
      },
    ),
    encoding_format: z.enum(["float", "base64"]).optional().describe("float by default"),
    dimensions: z.int().min(1).max(8192).optional().describe("For models that can shorten their vectors"),
    user: z.string().max(256).optional(),
  })
  .meta({ id: "CreateEmbeddingRequest" });

/** An embeddings request after validation. */
export type EmbeddingRequestBody = z.output<typeof embeddingRequestSchema>;

/** The vectors of one request, in OpenAI's list shape, one per input in input order. */
export const embeddingListSchema = z
  .strictObject({
    object: z.literal("list"),
    data: z.array(
      z.strictObject({
        object: z.literal("embedding"),
        index: z.int().min(0),
        embedding: z
          .union([z.array(z.number()), z.string()])
          .describe("Floats, or with encoding_format base64 their little-endian float32 bytes in base64"),
      }),
    ),
    model: modelKey,
    usage: z.strictObject({ prompt_tokens: tokenCount, total_tokens: tokenCount }),
  })
  .meta({ id: "EmbeddingList" });
