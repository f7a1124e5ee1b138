import { describe, expect, it } from "vitest";
import { tenantSecretsPlan } from "../../../components/secrets/tenantSecretsPlan.ts";
import { testTenant } from "../support.ts";

describe("tenantSecretsPlan", () => {
  it("plans the ledger secret and one BYOK secret per openai-compatible model, all under /silo/<tenant>/", () => {
    // Act
    const plan = tenantSecretsPlan(testTenant());

    // Assess
    expect(plan.ledgerRole.name).toBe("/silo/acme/ledger-role");
    expect(plan.providerKeys.map((secret) => [secret.name, secret.modelKey])).toEqual([
      ["/silo/acme/providers/gpt", "gpt"],
    ]);
    expect(plan.recoveryWindowDays).toBe(7);
  });

  it("keeps a regulated tenant's deleted secrets restorable for 30 days", () => {
    // Act
    const plan = tenantSecretsPlan(
      testTenant({
        tier: "regulated",
        contacts: [
          { name: "Ops", email: "ops@acme.example", role: "owner" },
          { name: "Sec", email: "sec@acme.example", role: "security" },
        ],
      }),
    );

    // Assess
    expect(plan.recoveryWindowDays).toBe(30);
  });
});
