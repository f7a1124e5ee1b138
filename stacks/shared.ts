import * as aws from "@pulumi/aws";
import { sharedTags } from "../components/common/siloTags.ts";
import { SharedEdge } from "../components/edge/sharedEdge.ts";
import { SiloError } from "../runtime/core/errors/siloError.ts";
import { ledgerAdminBundle } from "../runtime/ledgerAdmin/ledgerAdminBundle.ts";
import { parseStackName } from "./parseStackName.ts";
import { bundleSpec } from "./prepareLambdaCode.ts";
import { readSharedStackConfig } from "./readStackConfig.ts";
import { siloProvider } from "./siloProvider.ts";
import type { StackDeps } from "./stackDeps.ts";

/**
 * The `shared` stack: the edge every tenant silo sits behind (SharedEdge). Its outputs are the contract the
 * tenant stacks read (components/common/sharedEdgeOutputs.ts), plus the custom domain's DNS target.
 */
export async function runSharedStack(deps: StackDeps): Promise<Record<string, unknown>> {
  const config = readSharedStackConfig(deps.config, deps.stackName);
  const { provider, aws: context } = await siloProvider(
    config.region,
    sharedTags(),
    parseStackName(deps.stackName).environmentQualifier,
  );
  const zones = await aws.getAvailabilityZones({ state: "available" }, { provider });
  const availabilityZones = [...zones.names].sort().slice(0, config.availabilityZoneCount);
  if (availabilityZones.length < config.availabilityZoneCount) {
    throw new SiloError(
      "STACK_CONFIG_INVALID",
      `silo:availabilityZoneCount is ${config.availabilityZoneCount}, but ${config.region} offers ${availabilityZones.length} zones; ` +
        `fix: pulumi config set silo:availabilityZoneCount ${availabilityZones.length} --stack ${deps.stackName}`,
    );
  }
  const code = await deps.prepareLambdaCode(
    { authorizer: bundleSpec("authorizer"), ledgerAdmin: ledgerAdminBundle },
    { mode: config.lambdaCode },
  );
  const edge = new SharedEdge(
    "silo-shared",
    {
      aws: context,
      network: {
        cidrBlock: config.vpcCidr,
        availabilityZones,
        natGateways: config.natGateways,
        dedicatedCidrPool: config.dedicatedCidrPool,
      },
      authorizer: config.authorizer,
      authorizerCacheTtlSeconds: config.authorizerCacheTtlSeconds,
      domain: config.domain,
      ledger: {
        instanceClass: config.ledger.instanceClass,
        multiAz: config.ledger.multiAz,
        backupRetentionDays: config.ledger.backupRetentionDays,
        deletionProtection: config.ledger.deletionProtection,
      },
      ledgerSweepIntervalMinutes: config.ledger.sweepIntervalMinutes,
      logRetentionDays: config.logRetentionDays,
      code,
      ...(config.deployerRoleArn === undefined ? {} : { deployerArn: config.deployerRoleArn }),
    },
    { providers: { aws: provider } },
  );
  return {
    ...edge.exports,
    domainTargetName: edge.domain?.targetDomainName ?? "",
    domainHostedZoneId: edge.domain?.hostedZoneId ?? "",
  };
}
