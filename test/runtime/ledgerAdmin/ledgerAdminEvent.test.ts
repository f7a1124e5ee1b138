import { describe, expect, it } from "vitest";
import { loadLedgerAdminConfig } from "../../../runtime/ledgerAdmin/ledgerAdminConfig.ts";
import { ledgerSweepEvent, parseLedgerAdminEvent } from "../../../runtime/ledgerAdmin/ledgerAdminEvent.ts";

describe("parseLedgerAdminEvent", () => {
  it("accepts the event the tenant stack sends as an enrollment, defaulting the markup to 0", () => {
    // Act
    const request = parseLedgerAdminEvent({ tenantId: "acme-health", monthlyBudgetUsd: 25000 });

    // Assess
    expect(request).toEqual({
      action: "enroll",
      tenantId: "acme-health",
      monthlyBudgetUsd: 25000,
      markupPercent: 0,
    });
  });

  it("accepts the event the sweep schedule sends", () => {
    // Act
    const request = parseLedgerAdminEvent(JSON.parse('{"action":"sweep"}'));

    // Assess
    expect(request).toEqual({ action: "sweep" });
    expect(ledgerSweepEvent).toEqual({ action: "sweep" });
  });

  it("refuses an unknown action, naming the known ones", () => {
    // Act
    const parse = () => parseLedgerAdminEvent({ action: "drop", tenantId: "acme-health" });

    // Assess
    expect(parse).toThrow(expect.objectContaining({ code: "LEDGER_ADMIN_EVENT_INVALID" }));
    expect(parse).toThrow('- action must be one of enroll, sweep, got "drop"');
  });

  it("names every problem of a bad event", () => {
    // Act
    const parse = () =>
      parseLedgerAdminEvent({ tenantId: "Acme", monthlyBudgetUsd: -1, markupPercent: "1e3" });

    // Assess
    expect(parse).toThrow(expect.objectContaining({ code: "LEDGER_ADMIN_EVENT_INVALID" }));
    expect(parse).toThrow(
      /- tenantId must be a tenant id .* got "Acme"\n- monthlyBudgetUsd .* got -1\n- markupPercent .* got "1e3"/,
    );
    expect(() => parseLedgerAdminEvent("acme")).toThrow(/must be a JSON object/);
  });
});

describe("loadLedgerAdminConfig", () => {
  it("reads the ledger's location from the SILO_LEDGER_DB_ variables", () => {
    // Act
    const config = loadLedgerAdminConfig({
      SILO_LEDGER_DB_HOST: "silo-usage-ledger.abc.us-east-1.rds.amazonaws.com",
      SILO_LEDGER_DB_NAME: "silo_ledger",
      SILO_LEDGER_DB_SECRET_ID: "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-ledger",
      SILO_DB_HOST: "ignored",
    });

    // Assess
    expect(config).toMatchObject({
      host: "silo-usage-ledger.abc.us-east-1.rds.amazonaws.com",
      port: 5432,
      ssl: "require",
    });
  });

  it("names the ledger variables, not the tenant ones, when they are missing", () => {
    // Act
    const load = () => loadLedgerAdminConfig({});

    // Assess
    expect(load).toThrow(expect.objectContaining({ code: "LEDGER_ADMIN_CONFIG_INVALID" }));
    expect(load).toThrow(/the ledger-admin environment is invalid:\n- SILO_LEDGER_DB_HOST is required/);
  });
});
