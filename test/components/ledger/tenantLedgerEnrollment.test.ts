import { beforeAll, describe, expect, it } from "vitest";
import { loadTenantsOrThrow } from "../../../runtime/core/tenants/loadTenants.ts";
import { type RecordedResource, startPulumiRecording } from "../../../runtime/plan/pulumiRecording.ts";

// The component alone, under Pulumi's mocks. The module is imported only after the mocks are set: a static
// import would register nothing.
const started = await startPulumiRecording({ stack: "tenant-acme-health" });
const { recording } = started;
// The recording does not keep resource options: read deleteBeforeReplace off the monitor's requests.
const deleteBeforeReplace = new Map<string, boolean>();
type RegisterRequest = { getName(): string; getDeletebeforereplace(): boolean };
const pulumi = await import("@pulumi/pulumi");
const monitor = pulumi.runtime.getMonitor() as unknown as {
  registerResource(request: RegisterRequest, callback: unknown): void;
};
const register = monitor.registerResource.bind(monitor);
monitor.registerResource = (request, callback) => {
  deleteBeforeReplace.set(request.getName(), request.getDeletebeforereplace());
  register(request, callback);
};
let enrollment: RecordedResource;

beforeAll(async () => {
  const { TenantLedgerEnrollment } = await import("../../../components/ledger/tenantLedgerEnrollment.ts");
  const tenant = (await loadTenantsOrThrow()).find((example) => example.id === "acme-health");
  if (tenant === undefined) throw new Error("tenants/acme-health.yaml is missing");
  new TenantLedgerEnrollment("silo-acme-health-ledger", {
    tenant,
    ledgerAdminFunctionName: "silo-ledger-admin",
    ledgerAdminCodeSha256: "c2hhMjU2LW9mLXRoZS1idW5kbGU=",
    ledgerSecretVersionId: pulumi.output("terraform-20260101000000000000000001"),
  });
  await started.settle();
  [enrollment] = recording.descendantsOf(
    recording.named("silo:tenant:TenantLedgerEnrollment", "silo-acme-health-ledger"),
  ) as [RecordedResource];
}, 60_000);

describe("TenantLedgerEnrollment", () => {
  it("invokes the ledger admin on every lifecycle event, so destroy disables the tenant's ledger role", () => {
    // Assess
    expect(enrollment.type).toBe("aws:lambda/invocation:Invocation");
    expect(enrollment.name).toBe("silo-acme-health-ledger-enroll");
    expect(enrollment.inputs).toMatchObject({
      functionName: "silo-ledger-admin",
      lifecycleScope: "CRUD",
      terraformKey: "tf",
    });
  });

  it("carries what must re-enroll in its input (an update), not in triggers (a replacement)", async () => {
    // Prepare
    const { parseLedgerAdminEvent } = await import("../../../runtime/ledgerAdmin/ledgerAdminEvent.ts");

    // Act
    const input = JSON.parse(String(enrollment.inputs.input)) as Record<string, unknown>;

    // Assess
    expect(input).toEqual({
      tenantId: "acme-health",
      monthlyBudgetUsd: 25000,
      revision: {
        ledgerSecretVersion: "terraform-20260101000000000000000001",
        ledgerAdminCode: "c2hhMjU2LW9mLXRoZS1idW5kbGU=",
      },
    });
    expect(enrollment.inputs.triggers).toBeUndefined();
    expect(parseLedgerAdminEvent({ ...input, tf: { action: "delete", prev_input: input } })).toEqual({
      action: "disable",
      tenantId: "acme-health",
    });
  });

  it("is replaced delete-first, so a replacement ends with the role enabled", () => {
    // Assess
    expect(deleteBeforeReplace.get("silo-acme-health-ledger-enroll")).toBe(true);
  });
});
