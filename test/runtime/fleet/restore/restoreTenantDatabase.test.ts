import { describe, expect, it } from "vitest";
import {
  databaseInstanceType,
  type RestoreTenantDatabaseArgs,
  restoreTenantDatabase,
} from "../../../../runtime/fleet/restore/restoreTenantDatabase.ts";
import { fakeStackWorkspaces, tenant } from "../fakeStackWorkspaces.ts";
import {
  acmeStackState,
  fakeRds,
  instance,
  instanceUrn,
  parentUrn,
  tenantAcmeState,
} from "./fakeRestoreCloud.ts";

function setup(overrides: Partial<RestoreTenantDatabaseArgs> = {}, rds = fakeRds()) {
  const fake = fakeStackWorkspaces({
    config: { "tenant-acme": { "aws:region": "eu-west-1" } },
    resources: tenantAcmeState,
  });
  const progress: string[] = [];
  const regions: string[] = [];
  const args: RestoreTenantDatabaseArgs = {
    tenant: tenant("acme"),
    source: { snapshotId: "silo-acme-before" },
    workspaces: fake.workspaces,
    cloudFor: (region) => {
      regions.push(region);
      return rds.cloud;
    },
    progress: (line) => progress.push(line),
    sleep: async () => undefined,
    ...overrides,
  };
  return { args, fake, rds, progress, regions };
}

describe("restoreTenantDatabase", () => {
  it("restores beside the instance, swaps the names, then deletes the old instance from the state and imports the restored one", async () => {
    // Prepare
    const { args, fake, rds, progress, regions } = setup();

    // Act
    await restoreTenantDatabase(args);

    // Assess
    expect(regions).toEqual(["eu-west-1"]);
    expect(rds.calls).toEqual([
      "restore silo-acme-restore",
      "rename silo-acme silo-acme-replaced",
      "rename silo-acme-restore silo-acme",
    ]);
    expect(rds.restores[0]?.source).toEqual({ kind: "snapshot", snapshotId: "silo-acme-before" });
    expect(rds.restores[0]?.like).toMatchObject({
      subnetGroupName: "silo-acme-db",
      securityGroupIds: ["sg-123"],
    });
    expect(fake.events).toEqual([
      "select tenant-acme",
      `state delete tenant-acme ${instanceUrn}`,
      `import tenant-acme ${databaseInstanceType} acme-db silo-acme ${parentUrn}`,
    ]);
    const state = await (await fake.workspaces.select("tenant-acme")).resources();
    expect(state.filter((resource) => resource.type === databaseInstanceType)).toEqual([
      expect.objectContaining({ urn: instanceUrn, id: "silo-acme", parent: parentUrn }),
    ]);
    expect(rds.instances.get("silo-acme-replaced")?.resourceId).toBe("db-OLD");
    expect(progress[0]).toBe("[restore acme] reading tenant-acme");
    expect(progress).toContain("[restore acme] 3/5 silo-acme is now resource db-NEW");
    expect(progress.at(-1)).toMatch(/^\[restore acme\] done; next: silo deploy --tenant acme/);
  });

  it("restores to a point in time from the current instance's backups", async () => {
    // Prepare
    const toTime = new Date("2026-12-05T09:40:00Z");
    const { args, rds } = setup({ source: { toTime } });

    // Act
    await restoreTenantDatabase(args);

    // Assess
    expect(rds.restores[0]?.source).toEqual({
      kind: "point-in-time",
      sourceIdentifier: "silo-acme",
      restoreTime: toTime,
    });
  });

  it("changes nothing in a dry run and says what it would do", async () => {
    // Prepare
    const { args, fake, rds, progress } = setup({ dryRun: true });

    // Act
    const plan = await restoreTenantDatabase(args);

    // Assess
    expect(rds.calls).toEqual([]);
    expect(fake.events).toEqual(["select tenant-acme"]);
    expect(plan.steps).toHaveLength(5);
    expect(progress).toContain(
      `[restore acme] would 4/5 remove ${instanceUrn} (db-OLD) from tenant-acme's state`,
    );
  });

  it("fails with RESTORE_SNAPSHOT_NOT_FOUND before changing anything", async () => {
    // Prepare
    const { args, fake, rds } = setup({ source: { snapshotId: "nope" } });

    // Act
    const restoring = restoreTenantDatabase(args);

    // Assess
    await expect(restoring).rejects.toMatchObject({
      code: "RESTORE_SNAPSHOT_NOT_FOUND",
      message: expect.stringContaining("snapshot nope does not exist in eu-west-1"),
    });
    expect(rds.calls).toEqual([]);
    expect(fake.events).toEqual(["select tenant-acme"]);
  });

  it("fails with RESTORE_TIME_OUT_OF_RANGE for a time after the latest restorable time", async () => {
    // Prepare
    const { args } = setup({ source: { toTime: new Date("2026-12-05T11:00:00Z") } });

    // Act
    const restoring = restoreTenantDatabase(args);

    // Assess
    await expect(restoring).rejects.toMatchObject({ code: "RESTORE_TIME_OUT_OF_RANGE" });
  });

  it("fails with the stack's error when the tenant has no stack", async () => {
    // Prepare
    const { args } = setup({ tenant: tenant("globex") });
    const missing = fakeStackWorkspaces({ missing: ["tenant-globex"] });

    // Act
    const restoring = restoreTenantDatabase({ ...args, workspaces: missing.workspaces });

    // Assess
    await expect(restoring).rejects.toMatchObject({ code: "STACK_NOT_FOUND" });
  });

  it("refuses when a replaced instance from an earlier restore is still there", async () => {
    // Prepare
    const rds = fakeRds();
    rds.instances.set("silo-acme-replaced", instance("silo-acme-replaced", "db-OLDER"));
    const { args } = setup({}, rds);

    // Act
    const restoring = restoreTenantDatabase(args);

    // Assess
    await expect(restoring).rejects.toMatchObject({
      code: "RESTORE_NAME_TAKEN",
      message: expect.stringContaining("an instance silo-acme-replaced already exists in eu-west-1"),
    });
    expect(rds.calls).toEqual([]);
  });

  it("names the step that failed and leaves the state alone when a rename fails", async () => {
    // Prepare
    const rds = fakeRds();
    const { args, fake } = setup({}, rds);
    rds.cloud.renameInstance = async () => {
      throw new Error("InvalidDBInstanceState");
    };

    // Act
    const restoring = restoreTenantDatabase(args);

    // Assess
    await expect(restoring).rejects.toMatchObject({
      code: "RESTORE_STEP_FAILED",
      message: expect.stringContaining(
        "stopped at step 2 (rename silo-acme to silo-acme-replaced (kept)): InvalidDBInstanceState",
      ),
    });
    expect(fake.events).toEqual(["select tenant-acme"]);
  });

  it("restores in the qualified stack under the qualified names, leaving production's instance alone", async () => {
    // Prepare: production's and staging's instances side by side in one account
    const rds = fakeRds({ "staging-silo-acme-before": "available" }, ["silo-acme", "staging-silo-acme"]);
    const fake = fakeStackWorkspaces({
      config: {
        "tenant-acme": { "aws:region": "eu-west-1" },
        "staging.tenant-acme": { "aws:region": "eu-west-1" },
      },
      resources: { ...tenantAcmeState, ...acmeStackState("staging.tenant-acme", "staging-silo-acme") },
    });
    const progress: string[] = [];

    // Act
    const plan = await restoreTenantDatabase({
      tenant: tenant("acme"),
      environmentQualifier: "staging",
      source: { snapshotId: "staging-silo-acme-before" },
      workspaces: fake.workspaces,
      cloudFor: () => rds.cloud,
      progress: (line) => progress.push(line),
      sleep: async () => undefined,
    });

    // Assess
    expect(plan).toMatchObject({
      stackName: "staging.tenant-acme",
      identifier: "staging-silo-acme",
      restoredIdentifier: "staging-silo-acme-restore",
      replacedIdentifier: "staging-silo-acme-replaced",
    });
    expect(rds.calls).toEqual([
      "restore staging-silo-acme-restore",
      "rename staging-silo-acme staging-silo-acme-replaced",
      "rename staging-silo-acme-restore staging-silo-acme",
    ]);
    expect(rds.instances.get("silo-acme")?.resourceId).toBe("db-OLD");
    expect(fake.events.map((event) => event.split(" ").slice(0, 3).join(" "))).toEqual([
      "select staging.tenant-acme",
      "state delete staging.tenant-acme",
      "import staging.tenant-acme aws:rds/instance:Instance",
    ]);
    expect(progress.at(-1)).toBe(
      "[restore acme] done; next: silo deploy --tenant acme --environment staging (points the Lambdas at the new master secret), " +
        "then aws lambda invoke --function-name staging-silo-acme-migrate --region eu-west-1 --payload '{}' /dev/stdout",
    );
  });
});
