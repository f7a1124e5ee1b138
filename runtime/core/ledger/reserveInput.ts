/** A model call about to be made. */
export interface ReserveInput {
  /** Ledger entry id; a retry with the same id reserves nothing new. @default a new UUIDv7 */
  readonly id?: string;
  readonly requestId: string;
  readonly operationId: string;
  readonly modelKey: string;
  readonly provider: "bedrock" | "openai-compatible" | "echo";
  readonly providerModelId: string;
  /** A deliberately high estimate of the prompt's tokens. */
  readonly estimatedInputTokens: number;
  /** The most tokens the model may generate (`max_tokens`). */
  readonly maxOutputTokens: number;
}
