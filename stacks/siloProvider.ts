import * as aws from "@pulumi/aws";
import { type AwsContext, partitionOf } from "../components/common/awsContext.ts";
import type { SiloTags } from "../components/common/siloTags.ts";

/**
 * The AWS provider every resource of a stack uses, with the kit's tags as default tags (so every taggable
 * resource, including those awsx creates, carries them), and the account it deploys to, with the stack's
 * environment qualifier (stacks/parseStackName.ts) that the stack's physical names carry.
 *
 * @example
 * const { provider, aws } = await siloProvider("us-east-1", tenantTags(tenant), "staging");
 */
export async function siloProvider(
  region: string,
  tags: SiloTags,
  environmentQualifier?: string,
): Promise<{ readonly provider: aws.Provider; readonly aws: AwsContext }> {
  const provider = new aws.Provider("silo-aws", { region: region as aws.Region, defaultTags: { tags } });
  const identity = await aws.getCallerIdentity({}, { provider });
  const context: AwsContext = { accountId: identity.accountId, region, partition: partitionOf(identity.arn) };
  return {
    provider,
    aws: environmentQualifier === undefined ? context : { ...context, environmentQualifier },
  };
}
