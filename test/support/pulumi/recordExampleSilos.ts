import { mockAccountId, mockRegion } from "../../../runtime/plan/mockOutputs.ts";
import { type PulumiRecording, startPulumiRecording } from "../../../runtime/plan/pulumiRecording.ts";
import type { TenantConfig } from "../../../tenants/schema.ts";
import { sharedOutputsFixture } from "./sharedOutputsFixture.ts";

/** The CIDR a tenant with `network: dedicated` gets in tests. */
export const dedicatedCidrs: Readonly<Record<string, string>> = { "acme-health": "10.20.0.0/16" };

/**
 * Builds every given tenant's TenantSilo in this process under Pulumi's mocks, each with its own provider
 * and default tags as the tenant program does, and returns the recording once everything has settled.
 * The components are imported only after the mocks are set: a static import would register nothing.
 */
export async function recordExampleSilos(tenants: readonly TenantConfig[]): Promise<PulumiRecording> {
  const started = await startPulumiRecording({ stack: "tenant-test" });
  const aws = await import("@pulumi/aws");
  const { TenantSilo } = await import("../../../components/tenantSilo.ts");
  const { tenantTags } = await import("../../../components/decisions/siloTags.ts");
  for (const tenant of tenants) {
    const provider = new aws.Provider(`${tenant.id}-aws`, {
      region: mockRegion,
      defaultTags: { tags: tenantTags(tenant) },
    });
    const code = (fn: string) => ({ file: `/build/${fn}/index.mjs`, sha256: fn.padEnd(64, "0") });
    new TenantSilo(
      tenant.id,
      {
        tenant,
        aws: { accountId: mockAccountId, region: mockRegion, partition: "aws" },
        shared: sharedOutputsFixture,
        environment: "production",
        code: { chat: code("chat"), data: code("data"), admin: code("admin"), migrate: code("migrate") },
        dedicatedVpcCidr: dedicatedCidrs[tenant.id],
      },
      { providers: { aws: provider } },
    );
  }
  await started.settle();
  return started.recording;
}
