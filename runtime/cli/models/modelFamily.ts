/**
 * Whose prerequisites a Bedrock foundation model has, by its provider (the id's first segment,
 * `anthropic.claude-...`): Anthropic models need the use-case form and an AWS Marketplace subscription; other
 * third-party models (Cohere, Meta, Mistral, ...) the subscription; Amazon's own models neither
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html).
 *
 * @example
 * modelFamily("anthropic.claude-sonnet-4-20250514-v1:0"); // "anthropic"
 * modelFamily("cohere.embed-english-v3"); // "marketplace"
 */
export function modelFamily(foundationModelId: string): "anthropic" | "amazon" | "marketplace" {
  const provider = foundationModelId.slice(0, foundationModelId.indexOf("."));
  if (provider === "anthropic") return "anthropic";
  if (provider === "amazon") return "amazon";
  return "marketplace";
}
