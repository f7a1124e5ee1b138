import * as pulumi from "@pulumi/pulumi";
import type { SharedEdgeOutputs } from "../components/common/sharedEdgeOutputs.ts";
import { tenantTags } from "../components/common/siloTags.ts";
import { checkReservedConcurrency } from "../components/functions/reservedConcurrencyBudget.ts";
import { TenantSilo } from "../components/tenant/tenantSilo.ts";
import { SiloError } from "../runtime/core/errors/siloError.ts";
import { defaultTenantsDir } from "../runtime/core/tenants/defaultTenantsDir.ts";
import { findTenant, loadTenantsOrThrow } from "../runtime/core/tenants/loadTenants.ts";
import { parseStackName, stackNameOf } from "./parseStackName.ts";
import { bundleSpec } from "./prepareLambdaCode.ts";
import { parseSharedOutputs, sharedOutputNames } from "./readSharedOutputs.ts";
import { readTenantStackConfig } from "./readStackConfig.ts";
import { siloProvider } from "./siloProvider.ts";
import type { StackDeps } from "./stackDeps.ts";

/**
 * A `tenant-<id>` stack: the silo of `tenants/<id>.yaml` (validated with the rest of the folder), behind the
 * shared edge read through a StackReference.
 */
export async function runTenantStack(tenantId: string, deps: StackDeps): Promise<Record<string, unknown>> {
  const tenants = deps.tenants ?? (await loadTenantsOrThrow(deps.tenantsDir));
  const tenant = findTenant(tenants, tenantId, deps.tenantsDir ?? defaultTenantsDir());
  const { environmentQualifier } = parseStackName(deps.stackName);
  // A qualified tenant stack sits behind the shared stack of its own environment (`staging.shared`).
  const sharedStackName = stackNameOf({ kind: "shared", environmentQualifier });
  const config = readTenantStackConfig(
    deps.config,
    deps.stackName,
    `${deps.organization}/${deps.project}/${sharedStackName}`,
  );
  // The whole fleet's reservations, before this tenant's functions ask AWS for theirs.
  checkReservedConcurrency(tenants, config.accountConcurrencyLimit);
  const shared = await readSharedStack(config.sharedStack);
  if (shared.region !== config.region) {
    throw new SiloError(
      "STACK_CONFIG_INVALID",
      `aws:region is ${config.region}, but the shared stack ${config.sharedStack} is in ${shared.region}; a silo must be in its edge's Region. ` +
        `Fix: pulumi config set aws:region ${shared.region} --stack ${deps.stackName}`,
    );
  }
  const { provider, aws } = await siloProvider(config.region, tenantTags(tenant), environmentQualifier);
  const code = await deps.prepareLambdaCode(
    {
      chat: bundleSpec("chat"),
      data: bundleSpec("data"),
      admin: bundleSpec("admin"),
      migrate: bundleSpec("migrate"),
    },
    { mode: config.lambdaCode },
  );
  const silo = new TenantSilo(
    tenant.id,
    {
      tenant,
      aws,
      shared,
      environment: config.environment,
      code,
      ...(config.deployerRoleArn === undefined ? {} : { deployerArn: config.deployerRoleArn }),
      ...(config.vpcCidr === undefined ? {} : { dedicatedVpcCidr: config.vpcCidr }),
    },
    { providers: { aws: provider } },
  );
  return {
    tenantId: tenant.id,
    sharedStack: config.sharedStack,
    url: silo.url,
    apiId: silo.apiId,
    keyArn: silo.keyArn,
    keyAlias: silo.keyAlias,
    databaseAddress: silo.databaseAddress,
    inferenceProfileArns: silo.inferenceProfileArns,
    functionNames: silo.functionNames,
  };
}

/** The shared stack's outputs as plain values, so tenant resources can be laid out from them. */
async function readSharedStack(sharedStack: string): Promise<SharedEdgeOutputs> {
  const reference = new pulumi.StackReference(sharedStack);
  const values = Object.fromEntries(
    await Promise.all(
      sharedOutputNames.map(async (name) => {
        const details = await reference.getOutputDetails(name);
        return [name, details.value ?? details.secretValue] as const;
      }),
    ),
  );
  return parseSharedOutputs(values, sharedStack);
}
