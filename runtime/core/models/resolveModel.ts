import type { ModelConfig, TenantConfig } from "../../../tenants/schema.ts";
import { suggestKey } from "../tenants/suggestKey.ts";
import { ModelNotAllowedError } from "./modelErrors.ts";

/**
 * The tenant's allowlisted model a request asks for: an undefined or empty key means the tenant's
 * `defaultModel`; any other key must be in `models.allowlist`, exactly (no case folding), or this throws
 * {@link ModelNotAllowedError}. It never falls back to the default for an unknown key: a caller that names
 * a model must get that model or an error.
 *
 * @example
 * resolveModel("acme", models, undefined); // the default model's entry
 * resolveModel("acme", models, "gpt-5"); // throws MODEL_NOT_ALLOWED, naming the allowed keys
 */
export function resolveModel(
  tenantId: string,
  models: TenantConfig["models"],
  modelKey: string | undefined,
): ModelConfig {
  const key = modelKey === undefined || modelKey === "" ? models.defaultModel : modelKey;
  const model = models.allowlist.find((candidate) => candidate.key === key);
  if (model !== undefined) return model;
  const allowedKeys = models.allowlist.map((candidate) => candidate.key);
  throw new ModelNotAllowedError({
    tenantId,
    modelKey: key,
    allowedKeys,
    suggestion: suggestKey(key, allowedKeys),
  });
}
