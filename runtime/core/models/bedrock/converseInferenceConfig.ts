import type { InferenceConfiguration } from "@aws-sdk/client-bedrock-runtime";
import { ModelUnsupportedParameterError } from "../modelErrors.ts";
import type { ModelRequest } from "../modelTypes.ts";
import type { BedrockCapabilities } from "./bedrockCapabilities.ts";

/**
 * Highest `temperature` Converse takes: its `inferenceConfig.temperature` is 0 to 1 for every model, where
 * OpenAI's is 0 to 2.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InferenceConfiguration.html
 */
export const converseMaxTemperature = 1;

type Context = { readonly provider: "bedrock"; readonly modelKey: string };

/**
 * The `inferenceConfig` of a Converse call, refusing what Converse would refuse with a ValidationException
 * (after the ledger had reserved the call): `maxTokens` above the model's documented maximum
 * (`maxOutputTokens`), a `temperature` above {@link converseMaxTemperature}, an empty
 * stop sequence (Converse's minimum length is 1), and one of only whitespace for a model that refuses those.
 * Only the tenant's default `maxTokens` (the app sent none) is lowered to the model's maximum; an app's own
 * `max_tokens`, a temperature scaled to Converse's range, or a stop sequence left out, would not be what
 * was asked for. `maxTokens` (at least 1), `topP` (0 to 1) and the number of stop
 * sequences (at most 2,500) are already within Converse's ranges by the API's own limits.
 */
export function converseInferenceConfig(
  request: ModelRequest,
  capabilities: BedrockCapabilities,
): InferenceConfiguration {
  const context: Context = { provider: "bedrock", modelKey: request.modelKey };
  const { maxOutputTokens } = capabilities;
  const overMaximum = maxOutputTokens !== undefined && request.maxTokens > maxOutputTokens;
  if (overMaximum && request.maxTokensIsDefault !== true) {
    throw new ModelUnsupportedParameterError({
      ...context,
      param: "max_tokens",
      problem: `${request.maxTokens} is more output tokens than ${request.providerModelId} takes (${maxOutputTokens})`,
      fix: `send max_tokens of at most ${maxOutputTokens}, or leave it out for the model's maximum`,
    });
  }
  // The app sent no max_tokens: the tenant's default is lowered to what the model takes.
  const inferenceConfig: InferenceConfiguration = {
    maxTokens: overMaximum ? (maxOutputTokens as number) : request.maxTokens,
  };
  if (request.temperature !== undefined) {
    if (request.temperature > converseMaxTemperature) {
      throw new ModelUnsupportedParameterError({
        ...context,
        param: "temperature",
        problem: `${request.temperature} is above ${converseMaxTemperature}, the highest temperature Bedrock takes (its range is 0 to 1, OpenAI's 0 to 2)`,
        fix: `send a temperature from 0 to ${converseMaxTemperature} (half the OpenAI value is the same share of the range)`,
      });
    }
    inferenceConfig.temperature = request.temperature;
  }
  if (request.topP !== undefined) inferenceConfig.topP = request.topP;
  if (request.stop !== undefined && request.stop.length > 0)
    inferenceConfig.stopSequences = stopSequences(request, request.stop, capabilities, context);
  return inferenceConfig;
}

function stopSequences(
  request: ModelRequest,
  stop: readonly string[],
  capabilities: BedrockCapabilities,
  context: Context,
): string[] {
  const refused = stop.findIndex(
    (sequence) => sequence === "" || (!capabilities.whitespaceStopSequences && sequence.trim() === ""),
  );
  if (refused >= 0) {
    const sequence = stop[refused] ?? "";
    throw new ModelUnsupportedParameterError({
      ...context,
      param: `stop[${refused}]`,
      problem:
        sequence === ""
          ? "is empty, which Bedrock refuses"
          : `${JSON.stringify(sequence)} is only whitespace, which ${request.providerModelId} refuses as a stop sequence`,
      fix: "leave it out, or stop on a sequence with a visible character",
    });
  }
  return [...stop];
}
