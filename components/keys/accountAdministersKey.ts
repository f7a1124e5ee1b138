import { type AwsContext, accountRootArn } from "../common/awsContext.ts";
import type { PolicyStatement } from "../common/policyDocument.ts";

/**
 * Key management without use, for the account's administrators (through IAM): describe, enable and disable,
 * rotate, tag, alias, change the policy, revoke grants, schedule and cancel deletion. Never `kms:CreateGrant`
 * (AWS's default administrator statement grants it through `kms:Create*`): a grant is key use handed to any
 * principal, so an administrator could give itself Decrypt without changing the policy. Changing the policy
 * (`kms:PutKeyPolicy`) stays, or the key could not be managed at all; unlike a grant, it shows in the
 * policy, which the policy pack and CloudTrail see.
 */
export const keyAdministrationActions = [
  "kms:CreateAlias",
  "kms:DeleteAlias",
  "kms:UpdateAlias",
  "kms:Describe*",
  "kms:List*",
  "kms:Get*",
  "kms:PutKeyPolicy",
  "kms:UpdateKeyDescription",
  "kms:EnableKey",
  "kms:DisableKey",
  "kms:EnableKeyRotation",
  "kms:DisableKeyRotation",
  "kms:RotateKeyOnDemand",
  "kms:RevokeGrant",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
] as const;

/**
 * The key-policy statement that lets the account's administrators (through IAM) manage a key without using
 * it: {@link keyAdministrationActions}, for the account as principal. In a key policy `Resource: "*"` means
 * "this key".
 *
 * @example
 * accountAdministersKey(aws).Principal; // { AWS: "arn:aws:iam::123456789012:root" }
 */
export function accountAdministersKey(aws: AwsContext): PolicyStatement {
  return {
    Sid: "AccountAdministersKey",
    Effect: "Allow",
    Principal: { AWS: accountRootArn(aws) },
    Action: [...keyAdministrationActions],
    Resource: ["*"],
  };
}
