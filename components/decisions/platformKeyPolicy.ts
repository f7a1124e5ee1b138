import type { AwsContext } from "./awsContext.ts";
import { logsEncryptionStatement } from "./logsEncryptionStatement.ts";
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
  const { accountId, partition } = aws;
  return policyDocument([
    {
      Sid: "AccountControlsKeyThroughIam",
      Effect: "Allow",
      Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
      Action: ["kms:*"],
      Resource: ["*"],
    },
    logsEncryptionStatement("CloudWatchLogsEncryptsSharedLogs", aws, logGroupNames),
  ]);
}
