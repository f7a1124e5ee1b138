import * as aws from "@pulumi/aws";
import { tenantTags } from "../../../components/common/siloTags.ts";
import { TenantSilo } from "../../../components/tenant/tenantSilo.ts";
import { mockAccountId, mockRegion } from "../../../runtime/plan/mockOutputs.ts";
import type { TenantConfig } from "../../../tenants/schema.ts";
import { sharedOutputsFixture } from "./sharedOutputsFixture.ts";

/** The address range a tenant with `network: dedicated` gets in tests. */
export const dedicatedTestCidr = "10.20.0.0/16";

/**
 * One tenant's TenantSilo as its stack builds it: its own AWS provider whose default tags carry the tenant,
 * the shared stack's outputs (fixture), placeholder Lambda code. Import this module only once Pulumi's
 * mocks are set: a resource module imported earlier registers nothing.
 */
export function exampleSilo(tenant: TenantConfig): TenantSilo {
  const provider = new aws.Provider(`${tenant.id}-aws`, {
    region: mockRegion,
    defaultTags: { tags: tenantTags(tenant) },
  });
  const code = (fn: string) => ({ file: `/build/${fn}/index.mjs`, sha256: fn.padEnd(64, "0") });
  return new TenantSilo(
    tenant.id,
    {
      tenant,
      aws: { accountId: mockAccountId, region: mockRegion, partition: "aws" },
      shared: sharedOutputsFixture,
      environment: "production",
      code: { chat: code("chat"), data: code("data"), admin: code("admin"), migrate: code("migrate") },
      ...(tenant.network === "dedicated" ? { dedicatedVpcCidr: dedicatedTestCidr } : {}),
    },
    { providers: { aws: provider } },
  );
}
