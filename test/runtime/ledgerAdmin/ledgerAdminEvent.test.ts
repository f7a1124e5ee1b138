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

  it("enrolls on the invocation's create and update, and disables on its delete", () => {
    // Prepare: the input TenantLedgerEnrollment writes, plus what lifecycleScope CRUD adds
    const input = {
      tenantId: "acme-health",
      monthlyBudgetUsd: 25000,
      revision: { ledgerSecretVersion: "v2", ledgerAdminCode: "c2hh" },
    };

    // Act
    const created = parseLedgerAdminEvent({ ...input, tf: { action: "create", prev_input: null } });
    const updated = parseLedgerAdminEvent({ ...input, tf: { action: "update", prev_input: input } });
    const deleted = parseLedgerAdminEvent({ ...input, tf: { action: "delete", prev_input: input } });

    // Assess
    const enrollment = {
      action: "enroll",
      tenantId: "acme-health",
      monthlyBudgetUsd: 25000,
      markupPercent: 0,
    };
    expect(created).toEqual(enrollment);
    expect(updated).toEqual(enrollment);
    expect(deleted).toEqual({ action: "disable", tenantId: "acme-health" });
  });

  it("refuses a lifecycle object with an unknown action or a bad previous input, and one on a sweep", () => {
    // Prepare
    const input = { tenantId: "acme-health", monthlyBudgetUsd: 1 };

    // Act
    const unknownAction = () =>
      parseLedgerAdminEvent({ ...input, tf: { action: "destroy", prev_input: null } });
    const noAction = () => parseLedgerAdminEvent({ ...input, tf: {} });
    const badPrevious = () => parseLedgerAdminEvent({ ...input, tf: { action: "delete", prev_input: "x" } });
    const notObject = () => parseLedgerAdminEvent({ ...input, tf: "delete" });
    const onSweep = () => parseLedgerAdminEvent({ action: "sweep", tf: { action: "delete" } });
    const badRevision = () => parseLedgerAdminEvent({ ...input, revision: { ledgerAdminCode: 1 } });

    // Assess
    for (const parse of [unknownAction, noAction, badPrevious, notObject, onSweep, badRevision]) {
      expect(parse).toThrow(expect.objectContaining({ code: "LEDGER_ADMIN_EVENT_INVALID" }));
    }
    expect(unknownAction).toThrow('- tf.action must be one of create, update, delete, got "destroy"');
    expect(noAction).toThrow("- tf.action must be one of create, update, delete, got nothing");
    expect(badPrevious).toThrow('- tf.prev_input must be an object or null, got "x"');
    expect(notObject).toThrow(/- tf must be the invocation's lifecycle object .* got "delete"/);
    expect(onSweep).toThrow('- a sweep event carries no "tf" lifecycle object');
    expect(badRevision).toThrow('- revision must be an object of strings, got {"ledgerAdminCode":1}');
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
