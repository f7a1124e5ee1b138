import { SiloError } from "../errors/siloError.ts";

/** Why a secret could not be read; the message says what to do about each. */
export type SecretUnavailableReason =
  | "access_denied"
  | "not_found"
  | "decryption_failed"
  | "invalid_request"
  | "throttled"
  | "unreachable"
  | "binary"
  | "no_value";

/**
 * A secret could not be read. The message names the secret (name or ARN) and the fix, never its value.
 * HTTP answers it with 503: the silo cannot work without its secrets, but nothing is wrong with the request.
 */
export class SecretUnavailableError extends SiloError {
  readonly secretId: string;
  readonly reason: SecretUnavailableReason;

  /** `problem` continues the sentence `secret "<id>" ...` and ends with the fix. */
  constructor(
    secretId: string,
    reason: SecretUnavailableReason,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super("SECRET_UNAVAILABLE", `secret ${JSON.stringify(secretId)} ${problem}`, options);
    this.secretId = secretId;
    this.reason = reason;
  }
}
