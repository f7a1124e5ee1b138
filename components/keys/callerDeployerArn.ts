import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * The IAM role (or user) this deployment runs as, for key policies that let the deployer create encrypted
 * resources: the caller identity, with an assumed-role session turned into its role's ARN (path included,
 * through `iam:GetRole`). Used when `silo:deployerRoleArn` is not set; set it when more than one identity
 * deploys a stack, or every deployment by another identity rewrites the key policies to name it instead.
 *
 * @example
 * const deployer = args.deployerArn ?? callerDeployerArn(this);
 */
export function callerDeployerArn(parent: pulumi.Resource): pulumi.Output<string> {
  const caller = aws.getCallerIdentityOutput({}, { parent });
  const session = aws.iam.getSessionContextOutput({ arn: caller.arn }, { parent });
  // Under Pulumi's mocks the session context is empty: the caller's ARN stands in.
  return pulumi
    .all([caller.arn, session])
    .apply(([callerArn, context]) => (context.issuerArn as string | undefined) ?? callerArn);
}
