import type { PulumiRecording } from "../../../runtime/plan/pulumiRecording.ts";
import { startPulumiRecording } from "../../../runtime/plan/pulumiRecording.ts";
import type { TenantConfig } from "../../../tenants/schema.ts";

/**
 * Builds every given tenant's TenantSilo in this process under Pulumi's mocks, each with its own provider
 * and default tags as the tenant program does, and returns the recording once everything has settled.
 * The silos are built only after the mocks are set: a static import would register nothing.
 */
export async function recordExampleSilos(tenants: readonly TenantConfig[]): Promise<PulumiRecording> {
  const started = await startPulumiRecording({ stack: "tenant-test" });
  const { exampleSilo } = await import("./exampleSilo.ts");
  for (const tenant of tenants) exampleSilo(tenant);
  await started.settle();
  return started.recording;
}
