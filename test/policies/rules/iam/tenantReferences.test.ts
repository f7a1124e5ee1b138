import { describe, expect, it } from "vitest";
import { foreignTenantNames, tenantsNamedIn } from "../../../../policies/rules/iam/tenantReferences.ts";

describe("tenantsNamedIn", () => {
  it.each([
    ["arn:aws:secretsmanager:us-east-1:123456789012:secret:/silo/globex/ledger-role-AbCd", ["globex"]],
    ["arn:aws:iam::123456789012:role/silo-acme-health-chat", ["acme-health"]],
    ["arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/silo-acme-migrate:*", ["acme"]],
    ["arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/silo-initech-*", ["initech"]],
    ["arn:aws:kms:us-east-1:123456789012:alias/silo/globex", ["globex"]],
    ["arn:aws:rds:us-east-1:123456789012:db:silo-acme-health", ["acme-health"]],
    ["arn:aws:iam::123456789012:role/silo-ledger-admin", []],
    ["arn:aws:lambda:us-east-1:123456789012:function:silo-edge-authorizer", []],
    ["arn:aws:kms:us-east-1:123456789012:key/globex-key-id", []],
  ])("finds the tenants %s names", (text, tenants) => {
    // Act
    const found = tenantsNamedIn(text);

    // Assess
    expect(found).toEqual(tenants);
  });
});

describe("foreignTenantNames", () => {
  it("lists only the strings that name another tenant", () => {
    // Act
    const found = foreignTenantNames(
      JSON.stringify({
        Statement: [
          {
            Resource: ["/silo/globex/a", "/silo/initech/b"],
            Principal: { AWS: "arn:aws:iam::1:role/silo-acme-chat" },
          },
        ],
      }),
      "globex",
    );

    // Assess
    expect(found).toEqual([
      { text: "/silo/initech/b", tenants: ["initech"] },
      { text: "arn:aws:iam::1:role/silo-acme-chat", tenants: ["acme"] },
    ]);
  });
});
