import type { AwsContext } from "./awsContext.ts";
import { type PolicyDocument, policyDocument } from "./policyDocument.ts";

/**
 * The key policy of the shared platform key (usage ledger, its master secret, shared log groups). The
 * account keeps IAM-delegated control (the AWS default), because the shared roles are granted this one key
 * ARN in their IAM policies; CloudWatch Logs may encrypt only the named shared log groups.
 *
 * @example
 * platformKeyPolicy(aws, ["/aws/lambda/silo-edge-authorizer"]);
 */
export function platformKeyPolicy(aws: AwsContext, logGroupNames: readonly string[]): PolicyDocument {
  const { accountId, region, partition } = aws;
  return policyDocument([
    {
      Sid: "AccountControlsKeyThroughIam",
      Effect: "Allow",
      Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
      Action: ["kms:*"],
      Resource: ["*"],
    },
    {
      Sid: "CloudWatchLogsEncryptsSharedLogs",
      Effect: "Allow",
      Principal: { Service: `logs.${region}.amazonaws.com` },
      Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      Resource: ["*"],
      Condition: {
        ArnLike: {
          "kms:EncryptionContext:aws:logs:arn": logGroupNames.map(
            (name) => `arn:${partition}:logs:${region}:${accountId}:log-group:${name}`,
          ),
        },
      },
    },
  ]);
}
