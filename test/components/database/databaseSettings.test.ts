import { describe, expect, it } from "vitest";
import { databaseParameters, tenantDatabaseSettings } from "../../../components/database/databaseSettings.ts";
import { testTenant } from "../support.ts";

describe("tenantDatabaseSettings", () => {
  it("sizes and protects the database from the tenant file", () => {
    // Act
    const settings = tenantDatabaseSettings(
      testTenant({
        database: {
          instanceClass: "db.r6g.large",
          allocatedStorageGb: 100,
          backupRetentionDays: 35,
          multiAz: true,
          deletionProtection: true,
        },
      }),
    );

    // Assess
    expect(settings).toEqual({
      instanceClass: "db.r6g.large",
      allocatedStorageGb: 100,
      maxAllocatedStorageGb: 400,
      backupRetentionDays: 35,
      multiAz: true,
      deletionProtection: true,
      finalSnapshot: true,
    });
  });

  it("skips the final snapshot only for an unprotected standard tenant", () => {
    // Prepare
    const database = { deletionProtection: false };

    // Act
    const standard = tenantDatabaseSettings(testTenant({ database }));

    // Assess
    expect(standard.finalSnapshot).toBe(false);
    expect(tenantDatabaseSettings(testTenant()).finalSnapshot).toBe(true);
  });

  it("forces TLS on every connection", () => {
    // Assess
    expect(databaseParameters).toContainEqual({ name: "rds.force_ssl", value: "1" });
  });
});
