import { describe, expect, it } from "vitest";
import {
  sharedResourceNames,
  sharedResourceNamesOf,
  tenantFunctions,
  tenantResourceNames,
} from "../../../components/common/resourceNames.ts";
import { ledgerRoleSecretName } from "../../../runtime/ledgerAdmin/ledgerRoleSecretName.ts";

/** Every physical name of a tenant's names (the fixed in-database names aside). */
function physicalNames(names: ReturnType<typeof tenantResourceNames>): string[] {
  return [
    names.keyAlias,
    names.databaseIdentifier,
    names.databaseSubnetGroup,
    names.databaseParameterGroup,
    names.finalSnapshotIdentifier,
    names.lambdaSecurityGroup,
    names.databaseSecurityGroup,
    names.endpointSecurityGroup,
    names.ledgerRoleSecret,
    names.providerKeySecret("gpt"),
    names.apiName,
    names.accessLogGroup,
    names.inferenceProfileName("claude-sonnet"),
    ...tenantFunctions.flatMap((fn) => [
      names.functionName(fn),
      names.roleName(fn),
      names.functionLogGroup(fn),
    ]),
  ];
}

describe("tenantResourceNames", () => {
  it("prefixes every physical name with the tenant, so two tenants never share one", () => {
    // Prepare
    const acme = tenantResourceNames("acme");
    const globex = tenantResourceNames("globex");

    // Act
    const namesOf = (names: typeof acme) => [
      names.keyAlias,
      names.databaseIdentifier,
      names.ledgerRoleSecret,
      names.apiName,
      names.accessLogGroup,
      names.lambdaSecurityGroup,
      ...tenantFunctions.flatMap((fn) => [
        names.functionName(fn),
        names.roleName(fn),
        names.functionLogGroup(fn),
      ]),
    ];

    // Assess
    expect(acme.keyAlias).toBe("alias/silo/acme");
    expect(acme.functionName("chat")).toBe("silo-acme-chat");
    expect(acme.ledgerRoleSecret).toBe("/silo/acme/ledger-role");
    expect(acme.providerKeySecret("gpt")).toBe(`${acme.providerKeySecretPrefix}gpt`);
    expect(namesOf(acme).filter((name) => namesOf(globex).includes(name))).toEqual([]);
  });

  it("keeps every name within its AWS limit for the longest tenant id", () => {
    // Prepare
    const names = tenantResourceNames("a".repeat(32));

    // Act
    const longest = Math.max(...tenantFunctions.map((fn) => names.roleName(fn).length));

    // Assess
    expect(longest).toBeLessThanOrEqual(64);
    expect(names.databaseIdentifier.length).toBeLessThanOrEqual(63);
  });

  it("gives inference profiles Bedrock-valid names, hashing keys that had to change", () => {
    // Prepare
    const names = tenantResourceNames("acme-health");

    // Act
    const plain = names.inferenceProfileName("claude-sonnet");
    const dotted = names.inferenceProfileName("nova.lite");
    const dashed = names.inferenceProfileName("nova-lite");
    const long = names.inferenceProfileName("m".repeat(64));

    // Assess
    expect(plain).toBe("silo-acme-health-claude-sonnet");
    expect(dotted).toMatch(/^silo-acme-health-nova-lite-[0-9a-f]{8}$/);
    expect(dotted).not.toBe(dashed);
    expect(long.length).toBeLessThanOrEqual(64);
    for (const name of [plain, dotted, dashed, long]) expect(name).toMatch(/^([0-9a-zA-Z][ _-]?)+$/);
  });
});

describe("sharedResourceNames", () => {
  it("names the shared log groups after their functions", () => {
    // Assess
    expect(sharedResourceNames.authorizerLogGroup).toBe(
      `/aws/lambda/${sharedResourceNames.authorizerFunction}`,
    );
    expect(sharedResourceNames.ledgerAdminLogGroup).toBe(
      `/aws/lambda/${sharedResourceNames.ledgerAdminFunction}`,
    );
  });
});

describe("environment-qualified names", () => {
  it("puts the qualifier in front of every name, tenant and shared", () => {
    // Prepare
    const names = tenantResourceNames("acme", "staging");
    const shared = sharedResourceNamesOf("staging");

    // Assess
    expect(names.functionName("chat")).toBe("staging-silo-acme-chat");
    expect(names.functionLogGroup("chat")).toBe("/aws/lambda/staging-silo-acme-chat");
    expect(names.databaseIdentifier).toBe("staging-silo-acme");
    expect(names.keyAlias).toBe("alias/staging/silo/acme");
    expect(names.secretPrefix).toBe("/staging/silo/acme/");
    expect(names.ledgerRoleSecret).toBe(ledgerRoleSecretName("acme", "staging"));
    expect(names.ledgerRoleSecret).toBe("/staging/silo/acme/ledger-role");
    expect(names.providerKeySecret("gpt")).toBe("/staging/silo/acme/providers/gpt");
    expect(names.accessLogGroup).toBe("/staging/silo/acme/api-access");
    expect(shared.authorizerFunction).toBe("staging-silo-edge-authorizer");
    expect(shared.keyAlias).toBe("alias/staging/silo/shared");
    expect(shared.ledgerIdentifier).toBe("staging-silo-usage-ledger");
    expect(sharedResourceNamesOf()).toEqual(sharedResourceNames);
    expect(tenantResourceNames("acme", undefined).ledgerRoleSecret).toBe(ledgerRoleSecretName("acme"));
  });

  it("never gives a qualified stack a name of an unqualified one or of another environment", () => {
    // Prepare: tenant ids chosen to look like qualified names (a tenant "staging-silo-acme" is not possible:
    // its names would start "silo-staging-silo-acme").
    const tenants = ["acme", "staging", "staging-acme", "acme-staging", "silo-acme", "shared"];
    const fleet = (environment?: string) => [
      ...tenants.flatMap((tenant) => physicalNames(tenantResourceNames(tenant, environment))),
      ...Object.values(sharedResourceNamesOf(environment)).filter((name) => !name.startsWith("silo_")),
    ];

    // Act
    const production = new Set(fleet());
    const staging = fleet("staging");
    const uat = new Set(fleet("uat"));

    // Assess
    expect(staging.filter((name) => production.has(name))).toEqual([]);
    expect(staging.filter((name) => uat.has(name))).toEqual([]);
  });

  it("keeps every qualified name within its AWS limit for the longest tenant id and qualifier", () => {
    // Prepare
    const names = tenantResourceNames("t".repeat(32), "e".repeat(10));
    const shared = sharedResourceNamesOf("e".repeat(10));

    // Act
    const roles = tenantFunctions.map((fn) => names.roleName(fn).length);
    const rds = [
      names.databaseIdentifier,
      names.databaseSubnetGroup,
      names.databaseParameterGroup,
      `${names.finalSnapshotIdentifier}-0123abcd`,
      shared.ledgerIdentifier,
      shared.ledgerParameterGroup,
      shared.ledgerFinalSnapshot,
    ].map((name) => name.length);
    const profile = names.inferenceProfileName("m".repeat(40));

    // Assess
    expect(Math.max(...roles)).toBeLessThanOrEqual(64);
    expect(Math.max(...rds)).toBeLessThanOrEqual(63);
    expect(profile.length).toBeLessThanOrEqual(64);
    expect(profile.startsWith(`${names.prefix}-`)).toBe(true);
    expect(names.exportBucketPrefix.length).toBeLessThanOrEqual(37);
    expect(names.exportBucketPrefix).toMatch(/^[a-z0-9][a-z0-9-]*-$/);
  });

  it("keeps the export bucket prefix readable when it fits S3's 37 characters, and distinct when it does not", () => {
    // Prepare
    const long = ["a".repeat(31) + "x", "a".repeat(31) + "y"].map((id) => tenantResourceNames(id, "staging"));

    // Act
    const prefixes = long.map((names) => names.exportBucketPrefix);

    // Assess
    expect(tenantResourceNames("acme-health").exportBucketPrefix).toBe("silo-acme-health-exports-");
    expect(prefixes[0]).not.toBe(prefixes[1]);
    expect(prefixes[0]?.startsWith("staging-silo-aaaa")).toBe(true);
    expect(prefixes.every((prefix) => prefix.length <= 37)).toBe(true);
  });

  it("refuses a bad qualifier with the value and the fix", () => {
    // Assess
    expect(() => tenantResourceNames("acme", "Staging")).toThrow(
      expect.objectContaining({ code: "ENVIRONMENT_QUALIFIER_INVALID" }),
    );
    expect(() => sharedResourceNamesOf("stag-ing")).toThrow(/environment qualifier "stag-ing" is not/);
  });
});
