import * as z from "zod";
import { modelKeyPattern, modelProviders, modelTypes } from "../../../tenants/schema.ts";

// The models resource mirrors OpenAI's (`GET /v1/models`), so OpenAI clients can list what they may call;
// like chat completions, it keeps OpenAI's snake_case field names.

/** A model key from the tenant's allowlist (`models.allowlist[].key` in `tenants/<id>.yaml`). */
export const modelKey = z
  .string()
  .regex(
    modelKeyPattern,
    "must be a model key from the tenant's allowlist: 1-64 characters of a-z, 0-9, '.', '_' and '-' (list them with GET /v1/models)",
  );

/** Path parameters of `GET /v1/models/{modelId}`. */
export const modelPathParams = z.strictObject({
  modelId: modelKey.describe("The model key, as listed by GET /v1/models"),
});

/** A model the tenant may call, in OpenAI's model object shape plus the silo's provider and default flag. */
export const modelSchema = z
  .strictObject({
    id: modelKey.describe("The model key to pass as `model`"),
    object: z.literal("model"),
    created: z.int().min(0).describe("Unix seconds when the model was added to the tenant's allowlist"),
    owned_by: z.string().max(64).describe("Who serves the model, e.g. bedrock"),
    provider: z.enum(modelProviders),
    type: z
      .enum(modelTypes)
      .describe("chat: call it with /v1/chat/completions; embedding: with /v1/embeddings"),
    is_default: z.boolean().describe("True for the model used when a request names none"),
  })
  .meta({ id: "Model" });

/** The tenant's allowlist, as OpenAI's list object. Not paginated: an allowlist is short. */
export const modelListSchema = z
  .strictObject({
    object: z.literal("list"),
    data: z.array(modelSchema).max(1000),
  })
  .meta({ id: "ModelList" });
