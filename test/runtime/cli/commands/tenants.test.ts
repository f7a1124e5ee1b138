import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runSilo } from "../captureContext.ts";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "silo-cli-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const silo = runSilo;

describe("silo tenants new", () => {
  it("writes a file that validate accepts", async () => {
    // Act
    const created = await silo("tenants", "new", "acme2", "--dir", dir);
    const validated = await silo("tenants", "validate", "--dir", dir);

    // Assess
    expect(created).toMatchObject({
      exitCode: 0,
      stdout: `created ${join(dir, "acme2.yaml")} (tier standard)\n`,
    });
    expect(validated).toMatchObject({
      exitCode: 0,
      stdout: `ok: 1 tenant file(s) valid in ${dir} (acme2); identity profile generic\n`,
    });
  });

  it("writes a regulated tenant with --tier regulated", async () => {
    await silo("tenants", "new", "acme3", "--tier", "regulated", "--dir", dir);

    const text = await readFile(join(dir, "acme3.yaml"), "utf8");

    expect(text).toContain("tier: regulated");
    expect((await silo("tenants", "validate", "--dir", dir)).exitCode).toBe(0);
  });

  it("refuses to overwrite an existing file and leaves it unchanged", async () => {
    await writeFile(join(dir, "acme2.yaml"), "# hand-edited\n");

    const result = await silo("tenants", "new", "acme2", "--dir", dir);

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(
      `error [TENANT_FILE_EXISTS]: ${join(dir, "acme2.yaml")} already exists; edit it, or delete it first to start from the template\n`,
    );
    expect(await readFile(join(dir, "acme2.yaml"), "utf8")).toBe("# hand-edited\n");
  });

  it("rejects an invalid id and writes nothing", async () => {
    const result = await silo("tenants", "new", "Acme_2", "--dir", dir);

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('error [TENANT_ID_INVALID]: "Acme_2" is not a valid tenant id');
    expect((await silo("tenants", "list", "--dir", dir, "--json")).stdout).toBe("[]\n");
  });

  it("rejects an option that would make the file invalid, and writes nothing", async () => {
    const result = await silo("tenants", "new", "acme2", "--owner-email", "not-an-email", "--dir", dir);

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("nothing was written");
    expect(result.stderr).toContain(`${join(dir, "acme2.yaml")}:10:12 contacts[0].email: "not-an-email"`);
    await expect(readFile(join(dir, "acme2.yaml"))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("rejects an unknown tier as a usage error", async () => {
    const result = await silo("tenants", "new", "acme2", "--tier", "gold", "--dir", dir);

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("argument 'gold' is invalid. Allowed choices are standard, regulated.");
  });
});

describe("silo tenants validate", () => {
  it("exits 1 and lists every problem of a broken file", async () => {
    // Prepare
    await silo("tenants", "new", "good", "--dir", dir);
    await writeFile(join(dir, "broken.yaml"), "id: broken\ndisplayName: Broken\ntier: gold\ncolour: blue\n");

    // Act
    const result = await silo("tenants", "validate", "--dir", dir);

    // Assess
    const file = join(dir, "broken.yaml");
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      [
        `${file}:1:1 contacts: is required: expected a list`,
        `${file}:1:1 models: is required: expected a mapping`,
        `${file}:3:7 tier: "gold" is not allowed; use one of: standard, regulated`,
        `${file}:4:1 colour: "colour" is not a known key; allowed here: id, displayName, tier, dataClassification, contacts, models, limits, database, cors, identity, waf, xrayTracing, network, logRetentionDays, dataRetentionDays`,
        "",
        "4 problem(s) in 1 of 2 tenant file(s)",
        "",
      ].join("\n"),
    );
  });

  it("checks each tenant's identity block against the shared stack's identity profile", async () => {
    // Prepare: the shared stack's config takes tenants from the IdP's organisation (clerk)
    await silo("tenants", "new", "acme", "--dir", dir);
    await silo("tenants", "new", "beta", "--dir", dir);
    const acme = join(dir, "acme.yaml");
    await writeFile(
      acme,
      `${await readFile(acme, "utf8")}identity:\n  organizationId: org_2bLQz3Fh8KpV1nXcT6mWr9yEaJd\n`,
    );
    const stackFile = join(dir, "Pulumi.shared.yaml");
    await writeFile(stackFile, "config:\n  aws:region: us-east-1\n  silo:identityProfile: clerk\n");

    // Act
    const withClerk = await silo("tenants", "validate", "--dir", dir, "--stack-file", stackFile);
    const withGeneric = await silo("tenants", "validate", "--dir", dir, "--identity-profile", "generic");
    const unknown = await silo("tenants", "validate", "--dir", dir, "--identity-profile", "azure");

    // Assess
    expect(withClerk.exitCode).toBe(1);
    expect(withClerk.stderr).toContain(
      `${join(dir, "beta.yaml")}:1:1 identity.organizationId: identity.organizationId is required: the shared stack's identity profile clerk takes the tenant from the identity provider's organisation; set it to this tenant's organisation id (docs/identity.md) (profile from ${stackFile})`,
    );
    expect(withClerk.stderr).not.toContain("acme.yaml");
    expect(withGeneric.exitCode).toBe(1);
    expect(withGeneric.stderr).toContain(
      `${acme}:1:1 identity.organizationId: identity.organizationId "org_2bLQz3Fh8KpV1nXcT6mWr9yEaJd" is unused`,
    );
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toContain(
      'identity profile "azure" is not one of generic, clerk, cognito, auth0, entra, okta, keycloak',
    );
  });

  it("validates the repository's tenants by default", async () => {
    const result = await silo("tenants", "validate");

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(
      /^ok: 3 tenant file\(s\) valid in .*tenants \(acme-health, globex, initech\); identity profile generic\n$/,
    );
  });

  it("fails clearly for a directory that does not exist", async () => {
    const result = await silo("tenants", "validate", "--dir", join(dir, "missing"));

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^error \[TENANTS_DIR_UNREADABLE\]: cannot read the tenants directory/);
  });
});

describe("silo tenants list", () => {
  it("prints a table of the tenants", async () => {
    await silo("tenants", "new", "acme2", "--dir", dir);

    const result = await silo("tenants", "list", "--dir", dir);

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(
      [
        "ID     TIER      DEFAULT MODEL  MODELS  BUDGET/MONTH  RPS/BURST  NAME",
        "acme2  standard  nova-lite      2       $100          10/20      acme2",
        "",
      ].join("\n"),
    );
  });

  it("prints validated configs with defaults as JSON", async () => {
    await silo("tenants", "new", "acme2", "--dir", dir);

    const result = await silo("tenants", "list", "--dir", dir, "--json");

    expect(JSON.parse(result.stdout)).toMatchObject([{ id: "acme2", limits: { maxTokensPerRequest: 4096 } }]);
  });

  it("lists the valid tenants, reports the invalid files and exits 1", async () => {
    await silo("tenants", "new", "acme2", "--dir", dir);
    await writeFile(join(dir, "bad.yaml"), "id: bad\n");

    const result = await silo("tenants", "list", "--dir", dir);

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain("acme2");
    expect(result.stderr).toContain(`${join(dir, "bad.yaml")}:1:1 displayName: is required`);
  });
});
