import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SiloError } from "../../../../runtime/core/errors/siloError.ts";
import { formatProblem } from "../../../../runtime/core/tenants/configProblem.ts";
import { defaultTenantsDir } from "../../../../runtime/core/tenants/defaultTenantsDir.ts";
import { loadTenant, loadTenants, loadTenantsOrThrow } from "../../../../runtime/core/tenants/loadTenants.ts";
import { renderTenantTemplate } from "../../../../runtime/core/tenants/renderTenantTemplate.ts";
import { TenantConfigError } from "../../../../runtime/core/tenants/tenantConfigError.ts";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "silo-tenants-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeTenant(fileName: string, id: string): Promise<void> {
  await writeFile(join(dir, fileName), renderTenantTemplate({ id, tier: "standard" }));
}

describe("loadTenants", () => {
  it("loads the repository's example tenants with no problems", async () => {
    // Act
    const { tenants, problems } = await loadTenants(defaultTenantsDir());

    // Assess
    expect(problems).toEqual([]);
    expect(tenants.map((tenant) => tenant.id)).toEqual(["acme-health", "globex", "initech"]);
    expect(tenants.some((tenant) => tenant.tier === "regulated")).toBe(true);
  });

  it("returns valid tenants sorted by id and ignores files that are not YAML", async () => {
    await writeTenant("zeta.yaml", "zeta");
    await writeTenant("alpha.yml", "alpha");
    await writeFile(join(dir, "README.md"), "# not a tenant");

    const { tenants, problems, files } = await loadTenants(dir);

    expect(problems).toEqual([]);
    expect(tenants.map((tenant) => tenant.id)).toEqual(["alpha", "zeta"]);
    expect(files).toHaveLength(2);
  });

  it("reports an id that does not match the file name, at the id", async () => {
    await writeTenant("acme.yaml", "acme-corp");

    const { tenants, problems } = await loadTenants(dir);

    expect(tenants).toEqual([]);
    expect(problems.map(formatProblem)).toEqual([
      `${join(dir, "acme.yaml")}:4:5 id: "acme-corp" does not match the file name "acme"; set id: acme or rename the file to acme-corp.yaml`,
    ]);
  });

  it("reports a duplicate id across files and keeps the first", async () => {
    await writeTenant("acme.yaml", "acme");
    await writeTenant("acme.yml", "acme");

    const { tenants, problems } = await loadTenants(dir);

    expect(tenants.map((tenant) => tenant.id)).toEqual(["acme"]);
    expect(problems.map(formatProblem)).toEqual([
      `${join(dir, "acme.yml")}:4:5 id: "acme" is already used by ${join(dir, "acme.yaml")}; tenant ids must be unique`,
    ]);
  });

  it("refuses a second tenant mapped to the same identity-provider organisation, at its field", async () => {
    // Prepare: both would accept the organisation's tokens
    const identity = "identity:\n  organizationId: org_2bLQz3Fh8KpV1nXcT6mWr9yEaJd\n";
    await writeFile(
      join(dir, "acme.yaml"),
      `${renderTenantTemplate({ id: "acme", tier: "standard" })}${identity}`,
    );
    await writeFile(
      join(dir, "beta.yaml"),
      `${renderTenantTemplate({ id: "beta", tier: "standard" })}${identity}`,
    );

    // Act
    const { tenants, problems } = await loadTenants(dir);

    // Assess
    expect(tenants.map((tenant) => tenant.id)).toEqual(["acme"]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      file: join(dir, "beta.yaml"),
      field: "identity.organizationId",
      message: `"org_2bLQz3Fh8KpV1nXcT6mWr9yEaJd" is already the organisation of ${join(dir, "acme.yaml")}; each organisation maps to one tenant`,
    });
    expect(problems[0]?.line).toBeGreaterThan(1);
  });

  it("reports a file name that is not a tenant id", async () => {
    await writeTenant("Acme_Corp.yaml", "acme");

    const { problems } = await loadTenants(dir);

    expect(problems.map(formatProblem)).toEqual([
      `${join(dir, "Acme_Corp.yaml")}:1:1 (file name): "Acme_Corp" is not a valid tenant id (3-32 characters of a-z, 0-9 and single hyphens, starting with a letter and ending with a letter or digit); rename the file to <id>.yaml`,
    ]);
  });

  it("checks the id against the file name even when the file has other problems", async () => {
    await writeFile(join(dir, "acme.yaml"), "id: acme-corp\ntier: gold\n");

    const { problems } = await loadTenants(dir);

    expect(problems.map((problem) => `${problem.line} ${problem.field}`)).toEqual([
      "1 displayName",
      "1 contacts",
      "1 models",
      "1 id",
      "2 tier",
    ]);
  });

  it("lists problems from every bad file in one run, leaving the good ones loaded", async () => {
    await writeTenant("good.yaml", "good");
    await writeFile(join(dir, "bad-one.yaml"), "id: bad-one\n");
    await writeFile(join(dir, "bad-two.yaml"), "id: [\n");

    const { tenants, problems } = await loadTenants(dir);

    expect(tenants.map((tenant) => tenant.id)).toEqual(["good"]);
    expect(new Set(problems.map((problem) => problem.file))).toEqual(
      new Set([join(dir, "bad-one.yaml"), join(dir, "bad-two.yaml")]),
    );
  });

  it("fails clearly when the directory cannot be read", async () => {
    const missing = join(dir, "nope");

    const attempt = loadTenants(missing);

    await expect(attempt).rejects.toMatchObject({ code: "TENANTS_DIR_UNREADABLE" });
    await expect(attempt).rejects.toThrow(
      /cannot read the tenants directory .*nope.*pass --dir or set SILO_TENANTS_DIR/,
    );
  });
});

describe("loadTenantsOrThrow", () => {
  it("throws a TenantConfigError carrying every problem", async () => {
    await writeFile(join(dir, "bad.yaml"), "id: bad\ntier: gold\n");

    const error = await loadTenantsOrThrow(dir).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TenantConfigError);
    expect((error as TenantConfigError).code).toBe("TENANT_CONFIG_INVALID");
    expect((error as TenantConfigError).problems).toHaveLength(4);
    expect((error as Error).message).toMatch(/^4 problems in tenant config:\n/);
  });
});

describe("loadTenant", () => {
  it("returns one tenant by id", async () => {
    await writeTenant("acme.yaml", "acme");

    const tenant = await loadTenant("acme", dir);

    expect(tenant.id).toBe("acme");
  });

  it("names the known tenants and the fix when the id is unknown", async () => {
    await writeTenant("acme.yaml", "acme");

    const error = await loadTenant("globex", dir).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(SiloError);
    expect((error as SiloError).code).toBe("TENANT_NOT_FOUND");
    expect((error as Error).message).toBe(
      `no tenant "globex" in ${dir}; known tenants: acme. Create it with: silo tenants new globex`,
    );
  });
});
