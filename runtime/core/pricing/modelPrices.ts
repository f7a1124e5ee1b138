/** The price of one model from a date on: US dollars per 1,000 tokens, as exact decimal strings. */
export interface ModelPrice {
  readonly provider: "bedrock" | "openai-compatible" | "echo";
  /** The provider's model id, as in `models.allowlist[].modelId` of tenant files. */
  readonly modelId: string;
  /** First UTC day this price applies (inclusive), `YYYY-MM-DD`. */
  readonly effectiveFrom: string;
  readonly inputPer1k: string;
  readonly outputPer1k: string;
  readonly cacheReadPer1k: string;
  readonly cacheWritePer1k: string;
}

/**
 * The one priced model table, used by metering (estimates and settled costs) and by reconciliation against
 * the provider invoice. Prices are decimal strings and all arithmetic on them happens in Postgres `numeric`,
 * never in floating point. A price change is a new row with a later `effectiveFrom`; old rows stay so past
 * months re-price identically. Bedrock prices: on-demand, us-east-1; check them against the AWS price list
 * for your region before relying on reconciliation. The `echo` model carries a small nominal price so
 * budgets, reports and reconciliation can be exercised on the local platform.
 */
export const modelPrices: readonly ModelPrice[] = [
  bedrock("anthropic.claude-sonnet-4-20250514-v1:0", "2025-05-22", "0.003", "0.015", "0.0003", "0.00375"),
  bedrock("anthropic.claude-3-5-haiku-20241022-v1:0", "2024-11-04", "0.0008", "0.004", "0.00008", "0.001"),
  bedrock("amazon.nova-lite-v1:0", "2024-12-03", "0.00006", "0.00024", "0.000015", "0"),
  bedrock("amazon.nova-micro-v1:0", "2024-12-03", "0.000035", "0.00014", "0.00000875", "0"),
  // Embedding models: priced per input token only.
  bedrock("amazon.titan-embed-text-v2:0", "2024-04-30", "0.00002", "0", "0", "0"),
  bedrock("cohere.embed-english-v3", "2023-11-13", "0.0001", "0", "0", "0"),
  bedrock("cohere.embed-multilingual-v3", "2023-11-13", "0.0001", "0", "0", "0"),
  {
    provider: "openai-compatible",
    modelId: "gpt-4o-mini",
    effectiveFrom: "2024-07-18",
    inputPer1k: "0.00015",
    outputPer1k: "0.0006",
    cacheReadPer1k: "0.000075",
    cacheWritePer1k: "0",
  },
  {
    provider: "openai-compatible",
    modelId: "text-embedding-3-small",
    effectiveFrom: "2024-01-25",
    inputPer1k: "0.00002",
    outputPer1k: "0",
    cacheReadPer1k: "0",
    cacheWritePer1k: "0",
  },
  {
    provider: "echo",
    modelId: "echo-embed-1",
    effectiveFrom: "2024-01-01",
    inputPer1k: "0.00001",
    outputPer1k: "0",
    cacheReadPer1k: "0",
    cacheWritePer1k: "0",
  },
  {
    provider: "echo",
    modelId: "echo-1",
    effectiveFrom: "2024-01-01",
    inputPer1k: "0.0001",
    outputPer1k: "0.0002",
    cacheReadPer1k: "0",
    cacheWritePer1k: "0",
  },
];

function bedrock(
  modelId: string,
  effectiveFrom: string,
  inputPer1k: string,
  outputPer1k: string,
  cacheReadPer1k: string,
  cacheWritePer1k: string,
): ModelPrice {
  return {
    provider: "bedrock",
    modelId,
    effectiveFrom,
    inputPer1k,
    outputPer1k,
    cacheReadPer1k,
    cacheWritePer1k,
  };
}
