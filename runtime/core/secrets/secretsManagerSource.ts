import type { GetSecretValueCommandOutput, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SiloError } from "../errors/siloError.ts";
import type { SecretSource } from "./secretSource.ts";
import { SecretUnavailableError } from "./secretUnavailableError.ts";

/** Options of {@link createSecretsManagerSource}. */
export interface SecretsManagerSourceOptions {
  /** Created once at module scope, so connections are reused across warm invocations. */
  readonly client: SecretsManagerClient;
  /** How long a fetched value is used before it is read again; 0 reads every time. */
  readonly ttlMs: number;
  /** @default Date.now */
  readonly now?: () => number;
}

interface CachedSecret {
  readonly value: string;
  readonly expiresAt: number;
}

/**
 * Reads secrets from AWS Secrets Manager (`GetSecretValue`, by name or ARN, the `AWSCURRENT` version).
 * - Values are cached in memory for `ttlMs`, so a warm Lambda does not pay a Secrets Manager call (and its
 *   price) per request.
 * - Concurrent callers for the same secret share one in-flight request.
 * - `invalidate` drops the cached value; a fetch that was in flight when it was called is not cached, so
 *   a rotation is picked up by the next call.
 * - Failures are not cached: the next call tries again.
 * - Failures reject with `SecretUnavailableError` naming the secret and the fix (the IAM permission, the
 *   name, the KMS key); binary secrets are refused. No value ever reaches an error message.
 *
 * @example
 * const secrets = createSecretsManagerSource({ client: new SecretsManagerClient({}), ttlMs: 300_000 });
 * const json = await secrets.getSecret(process.env.SILO_DB_SECRET_ID ?? "");
 */
export function createSecretsManagerSource(options: SecretsManagerSourceOptions): SecretSource {
  if (!Number.isFinite(options.ttlMs) || options.ttlMs < 0) {
    throw new SiloError(
      "SECRET_SOURCE_INVALID",
      `ttlMs must be a number of milliseconds from 0, got ${options.ttlMs}`,
    );
  }
  const now = options.now ?? Date.now;
  const cache = new Map<string, CachedSecret>();
  const inFlight = new Map<string, Promise<string>>();

  const fetchAndCache = (secretId: string): Promise<string> => {
    const fetching: Promise<string> = fetchSecret(options.client, secretId).then(
      (value) => {
        // An invalidate() while this fetch ran removed it from inFlight: its value may predate the
        // rotation that caused the invalidate, so it answers its callers but is not cached.
        if (inFlight.get(secretId) === fetching) {
          inFlight.delete(secretId);
          cache.set(secretId, { value, expiresAt: now() + options.ttlMs });
        }
        return value;
      },
      (error: unknown) => {
        if (inFlight.get(secretId) === fetching) inFlight.delete(secretId);
        throw error;
      },
    );
    inFlight.set(secretId, fetching);
    return fetching;
  };

  return {
    async getSecret(secretId) {
      const cached = cache.get(secretId);
      if (cached !== undefined && now() < cached.expiresAt) return cached.value;
      return await (inFlight.get(secretId) ?? fetchAndCache(secretId));
    },
    invalidate(secretId) {
      cache.delete(secretId);
      inFlight.delete(secretId);
    },
  };
}

async function fetchSecret(client: SecretsManagerClient, secretId: string): Promise<string> {
  let output: GetSecretValueCommandOutput;
  try {
    // Imported on use, so bundles that include this module do not load the SDK at cold start.
    const { GetSecretValueCommand } = await import("@aws-sdk/client-secrets-manager");
    output = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  } catch (error) {
    throw explainFailure(secretId, error);
  }
  if (typeof output.SecretString === "string") return output.SecretString;
  if (output.SecretBinary !== undefined) {
    throw new SecretUnavailableError(
      secretId,
      "binary",
      "holds a binary value (SecretBinary); the kit reads only text secrets: store the value as a SecretString " +
        '(e.g. JSON such as {"username": "...", "password": "..."})',
    );
  }
  throw new SecretUnavailableError(
    secretId,
    "no_value",
    "has no value in its AWSCURRENT version: put a value with `aws secretsmanager put-secret-value`",
  );
}

/** Turns an SDK failure into the error a platform engineer can act on; AWS messages never hold values. */
function explainFailure(secretId: string, error: unknown): SecretUnavailableError {
  const name = String((error as { name?: unknown })?.name ?? "Error");
  const awsMessage = (error as { message?: unknown })?.message;
  const said = typeof awsMessage === "string" && awsMessage ? ` (AWS said: ${awsMessage})` : "";
  const fail = (reason: ConstructorParameters<typeof SecretUnavailableError>[1], problem: string) =>
    new SecretUnavailableError(secretId, reason, problem, { cause: error });
  switch (name) {
    case "AccessDeniedException":
      return fail(
        "access_denied",
        `may not be read by this function's role${said}: allow secretsmanager:GetSecretValue on the secret ` +
          "(and kms:Decrypt on the tenant's KMS key that encrypts it) in the role's policy",
      );
    case "CredentialsProviderError":
      return fail(
        "access_denied",
        `cannot be read: no AWS credentials were found${said}: run with a role (Lambda execution role, ` +
          "AWS_PROFILE) or use the local platform's static secret source",
      );
    case "ResourceNotFoundException":
      return fail(
        "not_found",
        `does not exist in this account and region, or has no AWSCURRENT version${said}: check the configured ` +
          "name or ARN (e.g. SILO_DB_SECRET_ID) and AWS_REGION",
      );
    case "DecryptionFailure":
      return fail(
        "decryption_failed",
        `could not be decrypted${said}: allow kms:Decrypt on the secret's KMS key (the tenant's key) to this ` +
          "function's role, and check the key is enabled",
      );
    case "InvalidRequestException":
      return fail(
        "invalid_request",
        `cannot be read now${said}: it may be scheduled for deletion (restore it with ` +
          "`aws secretsmanager restore-secret`)",
      );
    case "InvalidParameterException":
      return fail(
        "invalid_request",
        `is not a valid secret name or ARN${said}: check the configured secret id`,
      );
    case "ThrottlingException":
    case "TooManyRequestsException":
      return fail(
        "throttled",
        `could not be read: Secrets Manager is throttling this account${said}: retry shortly; a longer cache ` +
          "TTL lowers the read rate",
      );
    default:
      return fail(
        "unreachable",
        `could not be read: Secrets Manager failed or could not be reached (${name})${said}: check the ` +
          "function's network path to Secrets Manager (VPC endpoint or NAT) and retry",
      );
  }
}
