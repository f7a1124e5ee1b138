import { type BedrockClient, GetFoundationModelAvailabilityCommand } from "@aws-sdk/client-bedrock";
import { bedrockControlPlaneError } from "./bedrockControlPlaneError.ts";
import type { ModelAvailability } from "./modelAvailability.ts";

/**
 * Asks Bedrock's control plane (not bedrock-runtime: nothing is invoked, nothing is billed) whether the
 * account may use `foundationModelId` in the client's Region. A model Bedrock does not know there
 * (ResourceNotFoundException, or ValidationException for an id it cannot take) comes back as
 * `{ found: false }`; every other failure throws the SiloError of {@link bedrockControlPlaneError}.
 *
 * @example
 * await fetchModelAvailability(new BedrockClient({ region: "us-east-1" }), "amazon.nova-lite-v1:0", "us-east-1");
 * // { found: true, authorizationStatus: "AUTHORIZED", entitlementAvailability: "AVAILABLE", ... }
 */
export async function fetchModelAvailability(
  client: BedrockClient,
  foundationModelId: string,
  region: string,
): Promise<ModelAvailability> {
  try {
    const response = await client.send(
      new GetFoundationModelAvailabilityCommand({ modelId: foundationModelId }),
    );
    const agreement = response.agreementAvailability;
    return {
      found: true,
      ...(response.authorizationStatus === undefined
        ? {}
        : { authorizationStatus: response.authorizationStatus }),
      ...(response.entitlementAvailability === undefined
        ? {}
        : { entitlementAvailability: response.entitlementAvailability }),
      ...(response.regionAvailability === undefined
        ? {}
        : { regionAvailability: response.regionAvailability }),
      ...(agreement?.status === undefined ? {} : { agreementStatus: agreement.status }),
      ...(agreement?.errorMessage ? { agreementErrorMessage: agreement.errorMessage } : {}),
    };
  } catch (error) {
    const name = (error as { name?: unknown } | null)?.name;
    if (name === "ResourceNotFoundException" || name === "ValidationException") {
      return { found: false, message: `${name}: ${(error as Error).message}` };
    }
    throw bedrockControlPlaneError(error, foundationModelId, region);
  }
}
