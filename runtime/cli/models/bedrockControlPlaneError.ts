import { SiloError } from "../../core/errors/siloError.ts";

/** The IAM action `silo models check` needs, on `"Resource": "*"`. */
export const availabilityPermission = "bedrock:GetFoundationModelAvailability";

/**
 * The SiloError for a failed GetFoundationModelAvailability call, naming the model, the Region, what AWS said
 * and the fix: `MODELS_CHECK_ACCESS_DENIED` (the permission to add), `MODELS_CHECK_NO_CREDENTIALS`,
 * `MODELS_CHECK_CREDENTIALS_INVALID`, else `MODELS_CHECK_FAILED`.
 *
 * @example
 * throw bedrockControlPlaneError(error, "amazon.nova-lite-v1:0", "us-east-1");
 */
export function bedrockControlPlaneError(error: unknown, modelId: string, region: string): SiloError {
  const fields = (typeof error === "object" && error !== null ? error : {}) as {
    name?: unknown;
    message?: unknown;
  };
  const name = typeof fields.name === "string" ? fields.name : "Error";
  const said = `${name}: ${typeof fields.message === "string" ? fields.message.slice(0, 300) : String(error)}`;
  const call = `GetFoundationModelAvailability for ${modelId} in ${region}`;
  switch (name) {
    case "AccessDeniedException":
      return new SiloError(
        "MODELS_CHECK_ACCESS_DENIED",
        `AWS refused ${call} (${said}): allow ${availabilityPermission} on "Resource": "*" to the identity ` +
          "running the check (the role or user of AWS_PROFILE), then run it again",
        { cause: error },
      );
    case "CredentialsProviderError":
      return new SiloError(
        "MODELS_CHECK_NO_CREDENTIALS",
        `no AWS credentials were found for ${call} (${said}): sign in to the account the tenants deploy to ` +
          "(aws sso login --profile NAME and AWS_PROFILE=NAME, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), " +
          "then run it again",
        { cause: error },
      );
    case "UnrecognizedClientException":
    case "InvalidSignatureException":
    case "ExpiredTokenException":
    case "ExpiredToken":
      return new SiloError(
        "MODELS_CHECK_CREDENTIALS_INVALID",
        `AWS did not accept the credentials for ${call} (${said}): refresh them (aws sso login, or new keys) ` +
          "and run it again",
        { cause: error },
      );
    default:
      return new SiloError(
        "MODELS_CHECK_FAILED",
        `${call} failed (${said}): check the Region name and the network, then run it again`,
        { cause: error },
      );
  }
}
