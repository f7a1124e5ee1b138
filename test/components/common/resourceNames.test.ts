import { describe, expect, it } from "vitest";
import {
  sharedResourceNames,
  tenantFunctions,
  tenantResourceNames,
} from "../../../components/common/resourceNames.ts";

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
