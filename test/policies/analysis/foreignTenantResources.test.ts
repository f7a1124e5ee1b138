import { describe, expect, it } from "vitest";
import {
  foreignTenantReach,
  tenantOfSiloName,
  tenantOfStack,
} from "../../../policies/analysis/foreignTenantResources.ts";

const secret = (name: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}`;

describe("foreignTenantReach", () => {
  it.each([
    [secret("/silo/initech/ledger-role-AbCd"), ["initech"]],
    ["/silo/initech/providers/openai", ["initech"]],
    ["silo-initech", ["initech"]],
    ["arn:aws:rds:us-east-1:123456789012:db:silo-acme-health", ["acme-health"]],
    ["arn:aws:kms:us-east-1:123456789012:alias/silo/initech", ["initech"]],
    ["arn:aws:iam::123456789012:role/silo-acme-health-chat", ["acme-health"]],
    ["arn:aws:lambda:us-east-1:123456789012:function:silo-initech-migrate", ["initech"]],
    ["arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/silo-initech-*", ["initech"]],
  ])("finds that %s names tenants %j", (text, tenants) => {
    // Act
    const reach = foreignTenantReach(text, "globex");

    // Assess
    expect(reach).toEqual({ reason: "names", tenants });
  });

  it.each([
    ["*", "/silo/other/ledger-role"],
    ["/silo/*", "/silo/other/ledger-role"],
    [
      "arn:aws:secretsmanager:*:*:secret:*",
      "arn:aws:secretsmanager:*:*:secret:/silo/other/ledger-role-AbCdEf",
    ],
    [secret("/silo/*"), secret("/silo/other/ledger-role-AbCdEf")],
    [secret("/silo/ini*"), secret("/silo/iniother/ledger-role-AbCdEf")],
    [secret("rds!db-*"), secret("rds!db-other-0000")],
    ["arn:aws:kms:us-east-1:123456789012:key/*", "arn:aws:kms:us-east-1:123456789012:key/other-key-id"],
    ["arn:aws:kms:*:*:alias/silo/*", "arn:aws:kms:*:*:alias/silo/other"],
    ["arn:aws:iam::123456789012:role/silo-*", "arn:aws:iam::123456789012:role/silo-other-chat"],
    ["arn:aws:iam::123456789012:role/silo-globex-*", "arn:aws:iam::123456789012:role/silo-globex-other-chat"],
    [
      "arn:aws:rds-db:us-east-1:123456789012:dbuser:*/*",
      "arn:aws:rds-db:us-east-1:123456789012:dbuser:db-OTHER/silo_admin",
    ],
    [
      "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/*",
      "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/other-profile",
    ],
  ])("finds that the wildcard %s covers another tenant's %s", (text, example) => {
    // Act
    const reach = foreignTenantReach(text, "globex");

    // Assess
    expect(reach).toEqual({ reason: "wildcard", example });
  });

  it.each([
    secret("/silo/globex/ledger-role-AbCd"),
    secret("/silo/globex/*"),
    "arn:aws:secretsmanager:*:*:secret:/silo/globex/providers/*",
    "arn:aws:kms:us-east-1:123456789012:alias/silo/globex",
    "arn:aws:rds:us-east-1:123456789012:db:silo-globex",
    "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/silo-globex-chat:*",
    "arn:aws:iam::123456789012:role/silo-ledger-admin",
    "arn:aws:iam::123456789012:role/silo-deployer",
    "arn:aws:kms:us-east-1:123456789012:key/silo-shared-key-key-id",
    "arn:aws:kms:us-east-1:123456789012:alias/silo/shared",
    "arn:aws:lambda:us-east-1:123456789012:function:silo-edge-authorizer",
    "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    "arn:aws:iam::123456789012:root",
    "arn:aws:s3:::globex-exports/*",
  ])("finds that %s stays within tenant globex", (text) => {
    // Act
    const reach = foreignTenantReach(text, "globex");

    // Assess
    expect(reach).toBeUndefined();
  });

  it("reads a name by the fleet's tenant ids when it has them", () => {
    // Act
    const alone = foreignTenantReach("silo-acme-nova", "initech");
    const withFleet = foreignTenantReach("silo-acme-nova", "acme", { knownTenants: ["acme", "acme-health"] });
    const longer = foreignTenantReach("silo-acme-health-nova", "acme", {
      knownTenants: ["acme", "acme-health"],
    });

    // Assess
    expect([alone, withFleet, longer]).toEqual([
      { reason: "names", tenants: ["acme-nova"] },
      undefined,
      { reason: "names", tenants: ["acme-health"] },
    ]);
  });
});

describe("tenantOfSiloName", () => {
  it("reads a name of the stack's own tenant with an ending the kit does not use as the own tenant's", () => {
    // Act
    const own = tenantOfSiloName("globex-exports", [], "globex");
    const otherWithEnding = tenantOfSiloName("globex-eu-chat", [], "globex");
    const elsewhere = tenantOfSiloName("globex-exports", [], "initech");

    // Assess
    expect([own, otherWithEnding, elsewhere]).toEqual(["globex", "globex-eu", "globex-exports"]);
  });

  it.each([
    ["acme-health-chat", "acme-health"],
    ["acme-health", "acme-health"],
    ["acme-db", "acme"],
    ["acme-postgres", "acme"],
  ])("reads silo-%s as tenant %s's", (run, tenant) => {
    // Act
    const found = tenantOfSiloName(run);

    // Assess
    expect(found).toBe(tenant);
  });
});

describe("tenantOfStack", () => {
  it("reads the tenant of a tenant stack, none of the shared stack", () => {
    // Act
    const tenants = ["tenant-acme-health", "shared"].map(tenantOfStack);

    // Assess
    expect(tenants).toEqual(["acme-health", undefined]);
  });

  it("refuses a stack name that is neither", () => {
    // Act
    const read = () => tenantOfStack("dev");

    // Assess
    expect(read).toThrow(expect.objectContaining({ code: "STACK_NAME_INVALID" }));
  });
});

describe("foreignTenantReach in a stack qualified with an environment", () => {
  it.each([
    [secret("/staging/silo/initech/ledger-role-AbCd"), ["initech"]],
    ["arn:aws:kms:us-east-1:123456789012:alias/staging/silo/initech", ["initech"]],
    ["arn:aws:iam::123456789012:role/staging-silo-acme-health-chat", ["acme-health"]],
    ["arn:aws:lambda:us-east-1:123456789012:function:uat-silo-initech-migrate", ["initech"]],
    ["arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/staging-silo-initech-*", ["initech"]],
  ])("finds that %s names tenants %j", (text, tenants) => {
    // Assess
    expect(foreignTenantReach(text, "globex")).toEqual({ reason: "names", tenants });
  });

  it.each([
    secret("/staging/silo/globex/ledger-role-AbCd"),
    "arn:aws:kms:us-east-1:123456789012:alias/staging/silo/globex",
    "arn:aws:iam::123456789012:role/staging-silo-globex-chat",
    "arn:aws:lambda:us-east-1:123456789012:function:staging-silo-edge-authorizer",
    "arn:aws:kms:us-east-1:123456789012:alias/staging/silo/shared",
    "arn:aws:iam::123456789012:role/staging-silo-ledger-sweep",
    secret("/staging/silo/globex/*"),
  ])("keeps %s within tenant globex's own and the platform's names", (text) => {
    // Assess
    expect(foreignTenantReach(text, "globex")).toBeUndefined();
  });

  it("finds a qualified wildcard that reaches another tenant", () => {
    // Act
    const reach = foreignTenantReach(
      "arn:aws:lambda:us-east-1:123456789012:function:staging-silo-*",
      "globex",
    );

    // Assess
    expect(reach).toEqual({
      reason: "wildcard",
      example: "arn:aws:lambda:us-east-1:123456789012:function:staging-silo-other-chat",
    });
  });

  it("reads the tenant of a qualified tenant stack", () => {
    // Assess
    expect(tenantOfStack("staging.tenant-acme-health")).toBe("acme-health");
    expect(tenantOfStack("staging.shared")).toBeUndefined();
  });
});
