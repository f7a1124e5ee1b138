/** Longest description Bedrock accepts for an application inference profile. */
const maxDescriptionLength = 200;

/**
 * The description of a tenant's application inference profile: `Tenant acme model claude-sonnet from
 * us.anthropic.claude-sonnet-4-20250514-v1:0`. Bedrock accepts only letters, digits, `:` and `.`, each followed
 * by at most one space, `_` or `-` (CreateInferenceProfile `description`, pattern `^([0-9a-zA-Z:.][ _-]?)+$`,
 * 1 to 200 characters), so any other character of a model key or id becomes a space and a run of separators
 * keeps its first.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_CreateInferenceProfile.html
 *
 * @example
 * inferenceProfileDescription("acme", { key: "nova-lite", modelId: "amazon.nova-lite-v1:0" });
 * // "Tenant acme model nova-lite from amazon.nova-lite-v1:0"
 */
export function inferenceProfileDescription(
  tenantId: string,
  model: { readonly key: string; readonly modelId: string },
): string {
  return `Tenant ${tenantId} model ${model.key} from ${model.modelId}`
    .replace(/[^0-9a-zA-Z:. _-]/g, " ")
    .replace(/([ _-])[ _-]+/g, "$1")
    .slice(0, maxDescriptionLength);
}
