import { describe, expect, it, vi } from "vitest";
import { tenantLedgerRoleName } from "../../../runtime/core/ledger/provisionTenantLedgerRole.ts";
import { createStaticSecretSource } from "../../../runtime/core/secrets/staticSecretSource.ts";
import { enrollTenantInLedger } from "../../../runtime/ledgerAdmin/enrollTenantInLedger.ts";
import { loadLedgerEnvironmentQualifier } from "../../../runtime/ledgerAdmin/ledgerAdminConfig.ts";
import type { LedgerAdminDeps } from "../../../runtime/ledgerAdmin/ledgerAdminDeps.ts";

// The enrollment against a real ledger is tested through the handler (handler.test.ts); these cases stop
// before the first connection, at the secret the enrollment reads.
const master = JSON.stringify({ username: "silo_ledger_dba", password: "master-password" });

function depsWith(secrets: Record<string, string>, environmentQualifier?: string): LedgerAdminDeps {
  return {
    secrets: createStaticSecretSource({ master, ...secrets }),
    masterSecretId: "master",
    connect: vi.fn(async () => {
      throw new Error("no connection in this test");
    }),
    ...(environmentQualifier === undefined ? {} : { environmentQualifier }),
  };
}

describe("enrollTenantInLedger behind a qualified shared stack", () => {
  it("reads the tenant's ledger secret under the environment's qualifier", async () => {
    // Prepare: the staging secret names the wrong role, so the enrollment stops right after reading it.
    const deps = depsWith(
      {
        "/staging/silo/acme/ledger-role": JSON.stringify({ username: "someone_else", password: "p" }),
        "/silo/acme/ledger-role": JSON.stringify({ username: tenantLedgerRoleName("acme"), password: "p" }),
      },
      "staging",
    );

    // Act
    const enrolling = enrollTenantInLedger(deps, {
      tenantId: "acme",
      monthlyBudgetUsd: 10,
      markupPercent: 0,
    });

    // Assess
    await expect(enrolling).rejects.toThrow(expect.objectContaining({ code: "LEDGER_ROLE_SECRET_MISMATCH" }));
    await expect(enrolling).rejects.toThrow(
      /secret \/staging\/silo\/acme\/ledger-role is for user "someone_else"/,
    );
    expect(deps.connect).not.toHaveBeenCalled();
  });

  it("reads the unqualified name behind an unqualified shared stack", async () => {
    // Prepare
    const deps = depsWith({
      "/silo/acme/ledger-role": JSON.stringify({ username: "someone_else", password: "p" }),
    });

    // Act
    const enrolling = enrollTenantInLedger(deps, {
      tenantId: "acme",
      monthlyBudgetUsd: 10,
      markupPercent: 0,
    });

    // Assess
    await expect(enrolling).rejects.toThrow(/secret \/silo\/acme\/ledger-role is for user "someone_else"/);
  });
});

describe("loadLedgerEnvironmentQualifier", () => {
  it("reads SILO_ENVIRONMENT_QUALIFIER, absent on an unqualified stack", () => {
    // Assess
    expect(loadLedgerEnvironmentQualifier({ SILO_ENVIRONMENT_QUALIFIER: "staging" })).toBe("staging");
    expect(loadLedgerEnvironmentQualifier({})).toBeUndefined();
  });

  it("fails at cold start on a malformed qualifier, naming it", () => {
    // Assess
    expect(() => loadLedgerEnvironmentQualifier({ SILO_ENVIRONMENT_QUALIFIER: "Staging" })).toThrow(
      expect.objectContaining({ code: "LEDGER_ADMIN_CONFIG_INVALID" }),
    );
    expect(() => loadLedgerEnvironmentQualifier({ SILO_ENVIRONMENT_QUALIFIER: "Staging" })).toThrow(
      /SILO_ENVIRONMENT_QUALIFIER: environment qualifier "Staging" is not/,
    );
  });
});
