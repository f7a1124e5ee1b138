import { describe, expect, it } from "vitest";
import { restoreNames } from "../../../../runtime/fleet/restore/restoreNames.ts";

describe("restoreNames", () => {
  it("names the unqualified stack and instances as before qualifiers existed", () => {
    // Act
    const names = restoreNames("acme");

    // Assess
    expect(names).toEqual({
      stackName: "tenant-acme",
      identifier: "silo-acme",
      restoredIdentifier: "silo-acme-restore",
      replacedIdentifier: "silo-acme-replaced",
      migrateFunction: "silo-acme-migrate",
      deployCommand: "silo deploy --tenant acme",
    });
  });

  it("qualifies the stack, every instance name and the follow-up command with the environment", () => {
    // Act
    const names = restoreNames("acme", "staging");

    // Assess
    expect(names).toEqual({
      stackName: "staging.tenant-acme",
      identifier: "staging-silo-acme",
      restoredIdentifier: "staging-silo-acme-restore",
      replacedIdentifier: "staging-silo-acme-replaced",
      migrateFunction: "staging-silo-acme-migrate",
      deployCommand: "silo deploy --tenant acme --environment staging",
    });
  });
  it("keeps the qualified instance names within RDS's 63 characters for the longest tenant id and qualifier", () => {
    // Prepare: a 32-character tenant id and a 10-character qualifier, the longest each may be
    const tenantId = `${"a".repeat(15)}-${"b".repeat(16)}`;

    // Act
    const names = restoreNames(tenantId, "abcdefghij");

    // Assess: a letter first, then letters, digits and single hyphens, no trailing hyphen
    for (const identifier of [names.identifier, names.restoredIdentifier, names.replacedIdentifier]) {
      expect(identifier.length).toBeLessThanOrEqual(63);
      expect(identifier).toMatch(/^[a-zA-Z](?:-?[a-zA-Z0-9])*$/);
    }
  });

  it("refuses a qualifier that is not one, naming the value and the fix", () => {
    // Act
    const names = () => restoreNames("acme", "stag-ing");

    // Assess
    expect(names).toThrow(
      expect.objectContaining({
        code: "ENVIRONMENT_QUALIFIER_INVALID",
        message: expect.stringContaining('environment qualifier "stag-ing" is not 2-10 characters'),
      }),
    );
  });
});
