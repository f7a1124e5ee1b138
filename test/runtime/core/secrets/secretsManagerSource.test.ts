import {
  DecryptionFailure,
  GetSecretValueCommand,
  InternalServiceError,
  InvalidParameterException,
  InvalidRequestException,
  ResourceNotFoundException,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { createSecretsManagerSource } from "../../../../runtime/core/secrets/secretsManagerSource.ts";
import type { SecretUnavailableError } from "../../../../runtime/core/secrets/secretUnavailableError.ts";

const secretsManager = mockClient(SecretsManagerClient);
const client = new SecretsManagerClient({ region: "eu-west-1" });
const secretId = "/silo/acme/db";
const secretValue = '{"username":"silo_acme","password":"s3cr3t-Value-never-shown"}';

/** A clock the test moves by hand. */
function manualClock(start = 1_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

const calls = () => secretsManager.commandCalls(GetSecretValueCommand).length;

async function failureOf(promise: Promise<unknown>): Promise<SecretUnavailableError> {
  try {
    await promise;
  } catch (error) {
    return error as SecretUnavailableError;
  }
  throw new Error("expected a rejection");
}

beforeEach(() => {
  secretsManager.reset();
});

describe("createSecretsManagerSource", () => {
  it("reads the secret by the id given, name or ARN", async () => {
    // Prepare
    const arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-1234-AbCdEf";
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: secretValue });
    const secrets = createSecretsManagerSource({ client, ttlMs: 60_000 });

    // Act
    const value = await secrets.getSecret(arn);

    // Assess
    expect(value).toBe(secretValue);
    expect(secretsManager.commandCalls(GetSecretValueCommand)[0]?.args[0].input).toEqual({ SecretId: arn });
  });

  it("serves a value from memory within the TTL", async () => {
    // Prepare
    const clock = manualClock();
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: secretValue });
    const secrets = createSecretsManagerSource({ client, ttlMs: 60_000, now: clock.now });

    // Act
    await secrets.getSecret(secretId);
    clock.advance(59_999);
    const again = await secrets.getSecret(secretId);

    // Assess
    expect(again).toBe(secretValue);
    expect(calls()).toBe(1);
  });

  it("reads again once the TTL has passed", async () => {
    // Prepare
    const clock = manualClock();
    secretsManager
      .on(GetSecretValueCommand)
      .resolvesOnce({ SecretString: "first" })
      .resolves({ SecretString: "second" });
    const secrets = createSecretsManagerSource({ client, ttlMs: 60_000, now: clock.now });
    await secrets.getSecret(secretId);

    // Act
    clock.advance(60_000);
    const value = await secrets.getSecret(secretId);

    // Assess
    expect(value).toBe("second");
    expect(calls()).toBe(2);
  });

  it("reads again after invalidate, and only that secret", async () => {
    // Prepare
    secretsManager
      .on(GetSecretValueCommand, { SecretId: secretId })
      .resolvesOnce({ SecretString: "before rotation" })
      .resolves({ SecretString: "after rotation" });
    secretsManager
      .on(GetSecretValueCommand, { SecretId: "/silo/acme/openai" })
      .resolves({ SecretString: "key" });
    const secrets = createSecretsManagerSource({ client, ttlMs: 60_000 });
    await secrets.getSecret(secretId);
    await secrets.getSecret("/silo/acme/openai");

    // Act
    secrets.invalidate(secretId);
    const value = await secrets.getSecret(secretId);
    await secrets.getSecret("/silo/acme/openai");

    // Assess
    expect(value).toBe("after rotation");
    expect(calls()).toBe(3);
  });

  it("shares one fetch among concurrent callers", async () => {
    // Prepare
    const gate = deferred<void>();
    secretsManager.on(GetSecretValueCommand).callsFake(async () => {
      await gate.promise;
      return { SecretString: secretValue };
    });
    const secrets = createSecretsManagerSource({ client, ttlMs: 60_000 });

    // Act
    const pending = Array.from({ length: 10 }, () => secrets.getSecret(secretId));
    gate.resolve();
    const values = await Promise.all(pending);

    // Assess
    expect(values).toEqual(Array(10).fill(secretValue));
    expect(calls()).toBe(1);
  });

  it("does not cache a value whose fetch was in flight when the secret was invalidated", async () => {
    // Prepare
    const gate = deferred<void>();
    secretsManager
      .on(GetSecretValueCommand)
      .callsFakeOnce(async () => {
        await gate.promise;
        return { SecretString: "stale" };
      })
      .resolves({ SecretString: "fresh" });
    const secrets = createSecretsManagerSource({ client, ttlMs: 60_000 });
    const inFlight = secrets.getSecret(secretId);

    // Act
    secrets.invalidate(secretId);
    const afterInvalidate = secrets.getSecret(secretId);
    gate.resolve();

    // Assess
    expect(await inFlight).toBe("stale");
    expect(await afterInvalidate).toBe("fresh");
    expect(await secrets.getSecret(secretId)).toBe("fresh");
    expect(calls()).toBe(2);
  });

  it("does not cache a failure: the next call tries again", async () => {
    // Prepare
    secretsManager
      .on(GetSecretValueCommand)
      .rejectsOnce(new InternalServiceError({ message: "internal failure", $metadata: {} }))
      .resolves({ SecretString: secretValue });
    const secrets = createSecretsManagerSource({ client, ttlMs: 60_000 });

    // Act
    const failure = await failureOf(secrets.getSecret(secretId));
    const value = await secrets.getSecret(secretId);

    // Assess
    expect(failure.code).toBe("SECRET_UNAVAILABLE");
    expect(value).toBe(secretValue);
    expect(calls()).toBe(2);
  });

  it.each([
    {
      error: Object.assign(
        new Error(
          "User: arn:aws:sts::123456789012:assumed-role/silo-acme-chat/fn is not authorized to perform: secretsmanager:GetSecretValue",
        ),
        { name: "AccessDeniedException" },
      ),
      reason: "access_denied",
      fix: "allow secretsmanager:GetSecretValue on the secret (and kms:Decrypt on the tenant's KMS key",
    },
    {
      error: new ResourceNotFoundException({
        message: "Secrets Manager can't find the specified secret.",
        $metadata: {},
      }),
      reason: "not_found",
      fix: "check the configured name or ARN (e.g. SILO_DB_SECRET_ID) and AWS_REGION",
    },
    {
      error: new DecryptionFailure({ message: "Access to KMS is not allowed", $metadata: {} }),
      reason: "decryption_failed",
      fix: "allow kms:Decrypt on the secret's KMS key (the tenant's key)",
    },
    {
      error: new InvalidRequestException({ message: "secret is marked for deletion", $metadata: {} }),
      reason: "invalid_request",
      fix: "restore it with `aws secretsmanager restore-secret`",
    },
    {
      error: new InvalidParameterException({ message: "Invalid name", $metadata: {} }),
      reason: "invalid_request",
      fix: "check the configured secret id",
    },
    {
      error: Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" }),
      reason: "throttled",
      fix: "retry shortly",
    },
    {
      error: Object.assign(new Error("connect ETIMEDOUT 10.0.0.1:443"), { name: "TimeoutError" }),
      reason: "unreachable",
      fix: "check the function's network path to Secrets Manager (VPC endpoint or NAT)",
    },
  ])("names the secret and the fix for $error.name", async ({ error, reason, fix }) => {
    // Prepare
    secretsManager.on(GetSecretValueCommand).rejects(error);
    const secrets = createSecretsManagerSource({ client, ttlMs: 60_000 });

    // Act
    const failure = await failureOf(secrets.getSecret(secretId));

    // Assess
    expect(failure).toMatchObject({
      name: "SecretUnavailableError",
      code: "SECRET_UNAVAILABLE",
      reason,
      secretId,
    });
    expect(failure.message).toMatch(/^secret "\/silo\/acme\/db" /);
    expect(failure.message).toContain(fix);
    expect(failure.message).toContain(error.message);
    expect(failure.cause).toBe(error);
  });

  it("refuses a binary secret without showing its bytes", async () => {
    // Prepare
    secretsManager
      .on(GetSecretValueCommand)
      .resolves({ SecretBinary: new TextEncoder().encode(secretValue) });
    const secrets = createSecretsManagerSource({ client, ttlMs: 60_000 });

    // Act
    const failure = await failureOf(secrets.getSecret(secretId));

    // Assess
    expect(failure).toMatchObject({ code: "SECRET_UNAVAILABLE", reason: "binary" });
    expect(failure.message).toBe(
      'secret "/silo/acme/db" holds a binary value (SecretBinary); the kit reads only text secrets: store the ' +
        'value as a SecretString (e.g. JSON such as {"username": "...", "password": "..."})',
    );
  });

  it("refuses a secret without a value", async () => {
    // Prepare
    secretsManager.on(GetSecretValueCommand).resolves({});
    const secrets = createSecretsManagerSource({ client, ttlMs: 60_000 });

    // Act
    const failure = await failureOf(secrets.getSecret(secretId));

    // Assess
    expect(failure).toMatchObject({ code: "SECRET_UNAVAILABLE", reason: "no_value" });
  });

  it("never puts a secret's value in an error, even one it has read before", async () => {
    // Prepare
    secretsManager
      .on(GetSecretValueCommand)
      .resolvesOnce({ SecretString: secretValue })
      .rejectsOnce(new InternalServiceError({ message: "internal failure", $metadata: {} }))
      .resolvesOnce({ SecretBinary: new TextEncoder().encode(secretValue) })
      .resolves({});
    const secrets = createSecretsManagerSource({ client, ttlMs: 60_000 });
    await secrets.getSecret(secretId);

    // Act
    const failures: SecretUnavailableError[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      secrets.invalidate(secretId);
      failures.push(await failureOf(secrets.getSecret(secretId)));
    }

    // Assess
    expect(failures.map((failure) => failure.reason)).toEqual(["unreachable", "binary", "no_value"]);
    for (const failure of failures) {
      expect(failure.message).not.toContain("s3cr3t");
      expect(JSON.stringify(failure)).not.toContain("s3cr3t");
    }
  });

  it("refuses a negative TTL", () => {
    expect(() => createSecretsManagerSource({ client, ttlMs: -1 })).toThrow(
      expect.objectContaining({
        code: "SECRET_SOURCE_INVALID",
        message: "ttlMs must be a number of milliseconds from 0, got -1",
      }),
    );
  });
});
