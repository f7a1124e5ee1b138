import { type BedrockEmbeddingFamily, bedrockCapabilitiesOf } from "./bedrock/bedrockCapabilities.ts";
import { bedrockEmbeddingCalls } from "./bedrock/bedrockEmbeddingCalls.ts";
import { converseRequest } from "./bedrock/converseRequest.ts";
import type {
  EmbeddingRequest,
  EmbeddingResponse,
  ModelCallOptions,
  ModelProvider,
  ModelRequest,
  ModelResponse,
  ModelStreamEvent,
} from "./modelTypes.ts";

/**
 * The vector length each Bedrock embedding family returns when the request names none.
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-embed-text.html (1,024)
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed-v3.html (1,024)
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed-v4.html (1,536)
 */
const defaultDimensions: Readonly<Record<BedrockEmbeddingFamily, number>> = {
  "titan-v2": 1024,
  "cohere-v3": 1024,
  "cohere-v4": 1536,
};

/** The profile ARN the stand-in's checks build requests for; nothing is ever sent to it. */
const localProfileArn = "arn:aws:bedrock:local:000000000000:application-inference-profile/local";

/**
 * The echo provider standing in, on the local platform, for the tenant's Bedrock models: before echo
 * answers, a request is checked exactly as the Bedrock provider would check it for the model it stands in
 * for (`converseRequest` for chat, `bedrockEmbeddingCalls` for embeddings), so what Bedrock refuses in AWS
 * (n > 1, logprobs, images to a text-only model, dimensions Titan does not offer, ...) is refused locally
 * with the same error; and an embedding without `dimensions` has the model's default length. Models it
 * does not stand in for go to echo unchanged.
 *
 * @example
 * const echo = new BedrockStandIn(new EchoProvider(), new Map([["claude-sonnet", "anthropic.claude-sonnet-4-20250514-v1:0"]]));
 */
export class BedrockStandIn implements ModelProvider {
  readonly name = "echo" as const;
  readonly #echo: ModelProvider;
  /** Model key -> the Bedrock model id it stands in for. */
  readonly #standsInFor: ReadonlyMap<string, string>;

  constructor(echo: ModelProvider, standsInFor: ReadonlyMap<string, string>) {
    this.#echo = echo;
    this.#standsInFor = standsInFor;
  }

  async complete(request: ModelRequest, options: ModelCallOptions): Promise<ModelResponse> {
    this.#checkChat(request);
    return this.#echo.complete(request, options);
  }

  async *stream(request: ModelRequest, options: ModelCallOptions): AsyncGenerator<ModelStreamEvent> {
    this.#checkChat(request);
    yield* this.#echo.stream(request, options);
  }

  async embed(request: EmbeddingRequest, options: ModelCallOptions): Promise<EmbeddingResponse> {
    const modelId = this.#standsInFor.get(request.modelKey);
    if (modelId === undefined) return this.#echo.embed(request, options);
    const { family } = bedrockEmbeddingCalls(
      { ...request, providerModelId: modelId },
      bedrockCapabilitiesOf(modelId),
    );
    return this.#echo.embed(
      { ...request, dimensions: request.dimensions ?? defaultDimensions[family] },
      options,
    );
  }

  #checkChat(request: ModelRequest): void {
    const modelId = this.#standsInFor.get(request.modelKey);
    if (modelId === undefined) return;
    converseRequest(
      { ...request, providerModelId: modelId },
      localProfileArn,
      bedrockCapabilitiesOf(modelId),
    );
  }
}
