import type { AwsContext } from "../common/awsContext.ts";
import type { PolicyStatement } from "../common/policyDocument.ts";

/**
 * The key-policy statement that lets CloudWatch Logs in the stack's Region encrypt with the key, only for
 * the named log groups (names or `*` patterns), through the `aws:logs:arn` encryption context.
 *
 * @example
 * logsEncryptionStatement("CloudWatchLogsEncryptsSharedLogs", aws, ["/aws/lambda/silo-edge-authorizer"]);
 */
export function logsEncryptionStatement(
  sid: string,
  aws: AwsContext,
  logGroupNames: readonly string[],
): PolicyStatement {
  const { accountId, region, partition } = aws;
  return {
    Sid: sid,
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
  };
}
