import type { PolicyResource } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { dataKeyInputs } from "../../../../policies/rules/kms/dataKeyInputs.ts";

function resource(type: string, props: Record<string, unknown>): PolicyResource {
  return {
    type,
    props,
    urn: `urn:pulumi:tenant-globex::silo-kit::${type}::r`,
    name: "r",
    opts: {} as PolicyResource["opts"],
    dependencies: [],
    propertyDependencies: {},
    isType: () => false,
    asType: () => undefined,
  } as PolicyResource;
}

/** The inputs as `[path, value]` pairs. */
function inputsOf(type: string, props: Record<string, unknown>) {
  return dataKeyInputs(resource(type, props)).map((input) => [
    input.path,
    input.value.known ? input.value.value : "unknown",
  ]);
}

describe("dataKeyInputs", () => {
  it("reads every KMS key input an RDS instance sets", () => {
    // Act
    const inputs = inputsOf("aws:rds/instance:Instance", {
      kmsKeyId: "arn:key",
      performanceInsightsKmsKeyId: "",
      masterUserSecretKmsKeyId: "alias/silo/globex",
    });

    // Assess
    expect(inputs).toEqual([
      ["kmsKeyId", "arn:key"],
      ["masterUserSecretKmsKeyId", "alias/silo/globex"],
    ]);
  });

  it("reads the keys nested in lists: a secret's replicas, a BucketV2's encryption rules", () => {
    // Act
    const secret = inputsOf("aws:secretsmanager/secret:Secret", {
      replicas: [{ region: "eu-west-1" }, { region: "us-west-2", kmsKeyId: "alias/silo/initech" }],
    });
    const bucket = inputsOf("aws:s3/bucketV2:BucketV2", {
      serverSideEncryptionConfigurations: [
        {
          rules: [
            { applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "aws:kms", kmsMasterKeyId: "k" }] },
          ],
        },
      ],
    });

    // Assess
    expect(secret).toEqual([["replicas[1].kmsKeyId", "alias/silo/initech"]]);
    expect(bucket).toEqual([
      [
        "serverSideEncryptionConfigurations[0].rules[0].applyServerSideEncryptionByDefaults[0].kmsMasterKeyId",
        "k",
      ],
    ]);
  });

  it("reads nothing from a type that stores no tenant data", () => {
    // Act
    const inputs = inputsOf("aws:iam/role:Role", { kmsKeyId: "arn:key" });

    // Assess
    expect(inputs).toEqual([]);
  });
});
