import type { PolicyResource } from "@pulumi/policy";
import { type PreviewValue, previewValue } from "../previewValue.ts";

/**
 * The KMS key inputs of the resource types that store a tenant's data, as property paths (`[]`: every element
 * of a list). The kit's own silo sets those of the RDS instance, its secrets, log groups, functions and export
 * bucket (components/database/postgresDatabase.ts, secrets/tenantSecrets.ts, functions/siloFunction.ts,
 * edge/tenantApi.ts, exports/tenantExportBucket.ts); the rest are the same inputs of the types a client
 * program adds beside it (Aurora, S3 buckets, queues, topics, tables, parameters, snapshot copies), from
 * their `@pulumi/aws` 7.x classes.
 */
export const dataKeyInputPaths: Readonly<Record<string, readonly (readonly string[])[]>> = {
  "aws:rds/instance:Instance": [["kmsKeyId"], ["performanceInsightsKmsKeyId"], ["masterUserSecretKmsKeyId"]],
  "aws:rds/cluster:Cluster": [["kmsKeyId"], ["performanceInsightsKmsKeyId"], ["masterUserSecretKmsKeyId"]],
  "aws:rds/clusterInstance:ClusterInstance": [["performanceInsightsKmsKeyId"]],
  "aws:rds/snapshotCopy:SnapshotCopy": [["kmsKeyId"]],
  "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy": [["kmsKeyId"]],
  "aws:secretsmanager/secret:Secret": [["kmsKeyId"], ["replicas", "[]", "kmsKeyId"]],
  "aws:cloudwatch/logGroup:LogGroup": [["kmsKeyId"]],
  "aws:lambda/function:Function": [["kmsKeyArn"]],
  "aws:s3/bucket:Bucket": [
    ["serverSideEncryptionConfiguration", "rule", "applyServerSideEncryptionByDefault", "kmsMasterKeyId"],
  ],
  "aws:s3/bucketV2:BucketV2": [
    [
      "serverSideEncryptionConfigurations",
      "[]",
      "rules",
      "[]",
      "applyServerSideEncryptionByDefaults",
      "[]",
      "kmsMasterKeyId",
    ],
  ],
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": [
    ["rules", "[]", "applyServerSideEncryptionByDefault", "kmsMasterKeyId"],
  ],
  "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2": [
    ["rules", "[]", "applyServerSideEncryptionByDefault", "kmsMasterKeyId"],
  ],
  "aws:sqs/queue:Queue": [["kmsMasterKeyId"]],
  "aws:sns/topic:Topic": [["kmsMasterKeyId"]],
  "aws:dynamodb/table:Table": [["serverSideEncryption", "kmsKeyArn"]],
  "aws:ssm/parameter:Parameter": [["keyId"]],
};

/** One KMS key input a resource sets: where (for the message and the reference lookup) and its value. */
export interface DataKeyInput {
  readonly resource: PolicyResource;
  /** The top-level property the value sits in, whose references say what it was computed from. */
  readonly property: string;
  /** The input's path as the message names it: `rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId`. */
  readonly path: string;
  /** A non-empty string, or unknown during a preview. */
  readonly value: PreviewValue;
}

/**
 * The KMS key inputs `resource` sets (an unset or empty one is the customer-managed-key rules' concern),
 * each read so that a preview's unknown value is reported as unknown rather than ending the rule.
 *
 * @example
 * dataKeyInputs(secret); // [{ property: "kmsKeyId", path: "kmsKeyId", value: { known: true, value: "arn:..." } }]
 */
export function dataKeyInputs(resource: PolicyResource): DataKeyInput[] {
  const paths = dataKeyInputPaths[resource.type] ?? [];
  return paths.flatMap((path) => {
    const [property = ""] = path;
    return walk(resource.props, path, "").map(({ at, value }) => ({ resource, property, path: at, value }));
  });
}

/** The values at `path` below `node`: known non-empty strings, and unknowns where the walk could not go on. */
function walk(node: unknown, path: readonly string[], at: string): { at: string; value: PreviewValue }[] {
  const [step, ...rest] = path;
  if (step === undefined) {
    return typeof node === "string" && node !== "" ? [{ at, value: { known: true, value: node } }] : [];
  }
  if (step === "[]") {
    const elements = previewValue(() => (Array.isArray(node) ? node.length : 0));
    if (!elements.known) return [{ at, value: { known: false } }];
    const count = elements.value as number;
    return Array.from({ length: count }, (_, index) => index).flatMap((index) => {
      const element = previewValue(() => (node as unknown[])[index]);
      const here = `${at}[${index}]`;
      return element.known ? walk(element.value, rest, here) : [{ at: here, value: { known: false } }];
    });
  }
  if (node === null || typeof node !== "object") return [];
  const child = previewValue(() => (node as Record<string, unknown>)[step]);
  const here = at === "" ? step : `${at}.${step}`;
  if (!child.known) return [{ at: here, value: { known: false } }];
  return child.value === undefined || child.value === null ? [] : walk(child.value, rest, here);
}
