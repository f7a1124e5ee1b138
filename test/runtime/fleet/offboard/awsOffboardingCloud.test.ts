import { DescribeKeyCommand, KMSClient, KMSInternalException, NotFoundException } from "@aws-sdk/client-kms";
import {
  CopyDBSnapshotCommand,
  CreateDBSnapshotCommand,
  DBInstanceNotFoundFault,
  DBSnapshotNotFoundFault,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  InvalidDBInstanceStateFault,
  KMSKeyNotAccessibleFault,
  ModifyDBInstanceCommand,
  RDSClient,
} from "@aws-sdk/client-rds";
import {
  DeleteSecretCommand,
  DescribeSecretCommand,
  InternalServiceError,
  ResourceNotFoundException,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SiloError } from "../../../../runtime/core/errors/siloError.ts";
import { awsOffboardingCloud } from "../../../../runtime/fleet/offboard/awsOffboardingCloud.ts";

const rds = mockClient(RDSClient);
const kms = mockClient(KMSClient);
const secretsManager = mockClient(SecretsManagerClient);

const region = "eu-west-1";
const instanceId = "silo-acme";
const snapshotId = "silo-acme-offboarding";
const retainedSnapshotId = "silo-acme-offboarding-retained";
const retentionKeyArn = "arn:aws:kms:eu-west-1:123456789012:key/platform";
const keyArn = "arn:aws:kms:eu-west-1:123456789012:key/acme";
const secretName = "/silo/acme/db";
const deletionDate = new Date("2026-07-01T00:00:00Z");
const $metadata = { httpStatusCode: 400, requestId: "req-1" };

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

beforeEach(() => {
  rds.reset();
  kms.reset();
  secretsManager.reset();
});

describe("awsOffboardingCloud", () => {
  describe("snapshotStatus", () => {
    it("describes the snapshot by id and returns its status", async () => {
      // Prepare
      rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [{ Status: "creating" }] });

      // Act
      const status = await awsOffboardingCloud(region).snapshotStatus(snapshotId);

      // Assess
      expect(status).toBe("creating");
      expect(rds.calls()).toHaveLength(1);
      expect(rds.commandCalls(DescribeDBSnapshotsCommand)[0]?.args[0].input).toStrictEqual({
        DBSnapshotIdentifier: snapshotId,
      });
    });

    it("returns unknown when the answer lists no snapshot", async () => {
      // Prepare
      rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [] });

      // Act
      const status = await awsOffboardingCloud(region).snapshotStatus(snapshotId);

      // Assess
      expect(status).toBe("unknown");
    });

    it("returns undefined when RDS answers DBSnapshotNotFoundFault", async () => {
      // Prepare
      rds
        .on(DescribeDBSnapshotsCommand)
        .rejects(new DBSnapshotNotFoundFault({ message: `DBSnapshot ${snapshotId} not found.`, $metadata }));

      // Act
      const status = await awsOffboardingCloud(region).snapshotStatus(snapshotId);

      // Assess
      expect(status).toBeUndefined();
    });

    it("throws any other error unchanged, including another not-found fault", async () => {
      // Prepare
      const error = new DBInstanceNotFoundFault({
        message: `DBInstance ${instanceId} not found.`,
        $metadata,
      });
      rds.on(DescribeDBSnapshotsCommand).rejects(error);

      // Act
      const failure = await failureOf(awsOffboardingCloud(region).snapshotStatus(snapshotId));

      // Assess
      expect(failure).toBe(error);
    });
  });

  describe("createSnapshot", () => {
    it("creates a snapshot of the instance, tagged as an offboarding snapshot", async () => {
      // Prepare
      rds.on(CreateDBSnapshotCommand).resolves({});

      // Act
      await awsOffboardingCloud(region).createSnapshot(instanceId, snapshotId);

      // Assess
      expect(rds.calls()).toHaveLength(1);
      expect(rds.commandCalls(CreateDBSnapshotCommand)[0]?.args[0].input).toStrictEqual({
        DBInstanceIdentifier: instanceId,
        DBSnapshotIdentifier: snapshotId,
        Tags: [{ Key: "silo:offboarding", Value: "true" }],
      });
    });

    it("throws a not-found fault unchanged: a missing instance is not a snapshot", async () => {
      // Prepare
      const error = new DBInstanceNotFoundFault({
        message: `DBInstance ${instanceId} not found.`,
        $metadata,
      });
      rds.on(CreateDBSnapshotCommand).rejects(error);

      // Act
      const failure = await failureOf(awsOffboardingCloud(region).createSnapshot(instanceId, snapshotId));

      // Assess
      expect(failure).toBe(error);
    });
  });

  describe("copySnapshot", () => {
    it("copies the snapshot with its tags, re-encrypted under the key given", async () => {
      // Prepare
      rds.on(CopyDBSnapshotCommand).resolves({});

      // Act
      await awsOffboardingCloud(region).copySnapshot(snapshotId, retainedSnapshotId, retentionKeyArn);

      // Assess
      expect(rds.calls()).toHaveLength(1);
      expect(rds.commandCalls(CopyDBSnapshotCommand)[0]?.args[0].input).toStrictEqual({
        SourceDBSnapshotIdentifier: snapshotId,
        TargetDBSnapshotIdentifier: retainedSnapshotId,
        KmsKeyId: retentionKeyArn,
        CopyTags: true,
      });
    });

    it("throws RDS's error unchanged", async () => {
      // Prepare
      const error = new KMSKeyNotAccessibleFault({ message: "The key is not accessible.", $metadata });
      rds.on(CopyDBSnapshotCommand).rejects(error);

      // Act
      const failure = await failureOf(
        awsOffboardingCloud(region).copySnapshot(snapshotId, retainedSnapshotId, retentionKeyArn),
      );

      // Assess
      expect(failure).toBe(error);
    });
  });

  describe("deletionProtection", () => {
    it.each([true, false])(
      "describes the instance by id and returns DeletionProtection %s",
      async (protection) => {
        // Prepare
        rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [{ DeletionProtection: protection }] });

        // Act
        const result = await awsOffboardingCloud(region).deletionProtection(instanceId);

        // Assess
        expect(result).toBe(protection);
        expect(rds.calls()).toHaveLength(1);
        expect(rds.commandCalls(DescribeDBInstancesCommand)[0]?.args[0].input).toStrictEqual({
          DBInstanceIdentifier: instanceId,
        });
      },
    );

    it("returns undefined when RDS answers DBInstanceNotFoundFault", async () => {
      // Prepare
      rds
        .on(DescribeDBInstancesCommand)
        .rejects(new DBInstanceNotFoundFault({ message: `DBInstance ${instanceId} not found.`, $metadata }));

      // Act
      const result = await awsOffboardingCloud(region).deletionProtection(instanceId);

      // Assess
      expect(result).toBeUndefined();
    });

    it("throws any other error unchanged, including another not-found fault", async () => {
      // Prepare
      const error = new DBSnapshotNotFoundFault({ message: "not found", $metadata });
      rds.on(DescribeDBInstancesCommand).rejects(error);

      // Act
      const failure = await failureOf(awsOffboardingCloud(region).deletionProtection(instanceId));

      // Assess
      expect(failure).toBe(error);
    });
  });

  describe("disableDeletionProtection", () => {
    it("turns deletion protection off, applied at once", async () => {
      // Prepare
      rds.on(ModifyDBInstanceCommand).resolves({});

      // Act
      await awsOffboardingCloud(region).disableDeletionProtection(instanceId);

      // Assess
      expect(rds.calls()).toHaveLength(1);
      expect(rds.commandCalls(ModifyDBInstanceCommand)[0]?.args[0].input).toStrictEqual({
        DBInstanceIdentifier: instanceId,
        DeletionProtection: false,
        ApplyImmediately: true,
      });
    });

    it("throws RDS's error unchanged", async () => {
      // Prepare
      const error = new InvalidDBInstanceStateFault({ message: "Instance is not available.", $metadata });
      rds.on(ModifyDBInstanceCommand).rejects(error);

      // Act
      const failure = await failureOf(awsOffboardingCloud(region).disableDeletionProtection(instanceId));

      // Assess
      expect(failure).toBe(error);
    });
  });

  describe("secretDeletion", () => {
    it("describes the secret by name and reports its deletion date", async () => {
      // Prepare
      secretsManager.on(DescribeSecretCommand).resolves({ Name: secretName, DeletedDate: deletionDate });

      // Act
      const status = await awsOffboardingCloud(region).secretDeletion(secretName);

      // Assess
      expect(status).toStrictEqual({ state: "scheduled", deletionDate });
      expect(secretsManager.calls()).toHaveLength(1);
      expect(secretsManager.commandCalls(DescribeSecretCommand)[0]?.args[0].input).toStrictEqual({
        SecretId: secretName,
      });
    });

    it("reports a secret without a deletion date as active", async () => {
      // Prepare
      secretsManager.on(DescribeSecretCommand).resolves({ Name: secretName });

      // Act
      const status = await awsOffboardingCloud(region).secretDeletion(secretName);

      // Assess
      expect(status).toStrictEqual({ state: "active" });
    });

    it("reports gone when Secrets Manager answers ResourceNotFoundException", async () => {
      // Prepare
      secretsManager
        .on(DescribeSecretCommand)
        .rejects(
          new ResourceNotFoundException({ message: "Secrets Manager can't find the secret.", $metadata }),
        );

      // Act
      const status = await awsOffboardingCloud(region).secretDeletion(secretName);

      // Assess
      expect(status).toStrictEqual({ state: "gone" });
    });

    it("throws any other error unchanged", async () => {
      // Prepare
      const error = new InternalServiceError({ message: "An error occurred on the server side.", $metadata });
      secretsManager.on(DescribeSecretCommand).rejects(error);

      // Act
      const failure = await failureOf(awsOffboardingCloud(region).secretDeletion(secretName));

      // Assess
      expect(failure).toBe(error);
    });
  });

  describe("deleteSecretNow", () => {
    it("deletes the secret without a recovery window, so its name is free at once", async () => {
      // Prepare
      secretsManager.on(DeleteSecretCommand).resolves({ Name: secretName });

      // Act
      await awsOffboardingCloud(region).deleteSecretNow(secretName);

      // Assess
      expect(secretsManager.commandCalls(DeleteSecretCommand)[0]?.args[0].input).toStrictEqual({
        SecretId: secretName,
        ForceDeleteWithoutRecovery: true,
      });
    });

    it("takes a secret that no longer exists as deleted, and throws any other error unchanged", async () => {
      // Prepare
      const missing = new ResourceNotFoundException({
        message: "Secrets Manager can't find the secret.",
        $metadata,
      });
      const error = new InternalServiceError({ message: "An error occurred on the server side.", $metadata });
      secretsManager.on(DeleteSecretCommand).rejectsOnce(missing).rejectsOnce(error);

      // Act
      const first = await awsOffboardingCloud(region).deleteSecretNow(secretName);
      const second = await failureOf(awsOffboardingCloud(region).deleteSecretNow(secretName));

      // Assess
      expect(first).toBeUndefined();
      expect(second).toBe(error);
    });
  });

  describe("keyDeletion", () => {
    it("describes the key by ARN and reports its deletion date", async () => {
      // Prepare
      kms.on(DescribeKeyCommand).resolves({
        KeyMetadata: { KeyId: keyArn, KeyState: "PendingDeletion", DeletionDate: deletionDate },
      });

      // Act
      const status = await awsOffboardingCloud(region).keyDeletion(keyArn);

      // Assess
      expect(status).toStrictEqual({ state: "scheduled", deletionDate });
      expect(kms.calls()).toHaveLength(1);
      expect(kms.commandCalls(DescribeKeyCommand)[0]?.args[0].input).toStrictEqual({ KeyId: keyArn });
    });

    it("reports a key pending deletion without a date as scheduled at an unknown date", async () => {
      // Prepare
      kms.on(DescribeKeyCommand).resolves({ KeyMetadata: { KeyId: keyArn, KeyState: "PendingDeletion" } });

      // Act
      const status = await awsOffboardingCloud(region).keyDeletion(keyArn);

      // Assess
      expect(status.state).toBe("scheduled");
      expect(status.state === "scheduled" && Number.isNaN(status.deletionDate.getTime())).toBe(true);
    });

    it("reports an enabled key as active", async () => {
      // Prepare
      kms.on(DescribeKeyCommand).resolves({ KeyMetadata: { KeyId: keyArn, KeyState: "Enabled" } });

      // Act
      const status = await awsOffboardingCloud(region).keyDeletion(keyArn);

      // Assess
      expect(status).toStrictEqual({ state: "active" });
    });

    it("reports gone when KMS answers NotFoundException", async () => {
      // Prepare
      kms
        .on(DescribeKeyCommand)
        .rejects(new NotFoundException({ message: `Key '${keyArn}' does not exist`, $metadata }));

      // Act
      const status = await awsOffboardingCloud(region).keyDeletion(keyArn);

      // Assess
      expect(status).toStrictEqual({ state: "gone" });
    });

    it("throws any other error unchanged", async () => {
      // Prepare
      const error = new KMSInternalException({ message: "An internal error occurred.", $metadata });
      kms.on(DescribeKeyCommand).rejects(error);

      // Act
      const failure = await failureOf(awsOffboardingCloud(region).keyDeletion(keyArn));

      // Assess
      expect(failure).toBe(error);
    });
  });

  describe("clients", () => {
    it("sends every call through one client per service, in the Region given", async () => {
      // Prepare
      rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [{ Status: "available" }] });
      rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [{ DeletionProtection: true }] });
      kms.on(DescribeKeyCommand).resolves({ KeyMetadata: { KeyId: keyArn, KeyState: "Enabled" } });
      secretsManager.on(DescribeSecretCommand).resolves({ Name: secretName });
      const cloud = awsOffboardingCloud("ap-southeast-2");

      // Act
      await cloud.snapshotStatus(snapshotId);
      await cloud.deletionProtection(instanceId);
      await cloud.keyDeletion(keyArn);
      await cloud.secretDeletion(secretName);

      // Assess
      const [first, second] = rds.calls().map((call) => call.thisValue as RDSClient);
      expect(second).toBe(first);
      expect(await first?.config.region()).toBe("ap-southeast-2");
      expect(await (kms.call(0).thisValue as KMSClient).config.region()).toBe("ap-southeast-2");
      expect(await (secretsManager.call(0).thisValue as SecretsManagerClient).config.region()).toBe(
        "ap-southeast-2",
      );
    });
  });

  describe("when an SDK client cannot be loaded", () => {
    afterEach(() => {
      vi.doUnmock("@aws-sdk/client-kms");
      vi.resetModules();
    });

    it("throws AWS_SDK_CLIENT_MISSING naming the package and the fix", async () => {
      // Prepare
      vi.resetModules();
      vi.doMock("@aws-sdk/client-kms", () => {
        throw new Error("Cannot find package '@aws-sdk/client-kms'");
      });
      const { awsOffboardingCloud: freshCloud } = await import(
        "../../../../runtime/fleet/offboard/awsOffboardingCloud.ts"
      );

      // Act
      const failure = (await failureOf(freshCloud(region).keyDeletion(keyArn))) as SiloError;

      // Assess
      expect(failure.code).toBe("AWS_SDK_CLIENT_MISSING");
      // Vitest wraps the factory's error in its own, so only the cause's message is left open.
      expect(failure.message).toMatch(
        /^offboarding could not load @aws-sdk\/client-kms \(.+\); it is a dependency of silo-kit, so reinstall: npm install$/,
      );
      expect(failure.cause).toBeInstanceOf(Error);
      expect(kms.calls()).toHaveLength(0);
    });
  });
});
