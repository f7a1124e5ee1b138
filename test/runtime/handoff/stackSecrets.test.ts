import { describe, expect, it } from "vitest";
import { isSecretBearing, stackSecretInventoryId } from "../../../runtime/handoff/stackSecrets.ts";

const resource = (type: string, name: string, inputs: Record<string, unknown> = {}) => ({
  type,
  name,
  custom: true,
  inputs,
});

describe("isSecretBearing", () => {
  it("counts secrets, keys, certificates and types that look like one even when not listed", () => {
    expect(isSecretBearing(resource("aws:kms/key:Key", "k"))).toBe(true);
    expect(isSecretBearing(resource("aws:acm/certificate:Certificate", "c"))).toBe(true);
    expect(isSecretBearing(resource("aws:someservice/fancySecret:FancySecret", "s"))).toBe(true);
  });

  it("counts a resource that holds a credential through its inputs, and not one that does not", () => {
    expect(
      isSecretBearing(resource("aws:rds/instance:Instance", "db", { manageMasterUserPassword: true })),
    ).toBe(true);
    expect(
      isSecretBearing(
        resource("aws:apigatewayv2/domainName:DomainName", "d", {
          domainNameConfiguration: { certificateArn: "arn:aws:acm:..." },
        }),
      ),
    ).toBe(true);
    expect(
      isSecretBearing(resource("aws:rds/instance:Instance", "db", { manageMasterUserPassword: false })),
    ).toBe(false);
    expect(isSecretBearing(resource("aws:secretsmanager/secretPolicy:SecretPolicy", "p"))).toBe(false);
    expect(isSecretBearing({ ...resource("silo:tenant:TenantSecrets", "t"), custom: false })).toBe(false);
  });
});

describe("stackSecretInventoryId", () => {
  it("maps a resource by type and logical name, only for the tenants given", () => {
    expect(stackSecretInventoryId(resource("aws:kms/key:Key", "globex-key-key"), ["globex"])).toBe(
      "aws-kms-tenant",
    );
    expect(stackSecretInventoryId(resource("aws:kms/key:Key", "silo-shared-key-key"), ["globex"])).toBe(
      "aws-kms-shared",
    );
    expect(
      stackSecretInventoryId(resource("aws:secretsmanager/secret:Secret", "globex-secrets-provider-gpt"), [
        "globex",
      ]),
    ).toBe("aws-tenant-provider-key");
    expect(
      stackSecretInventoryId(resource("aws:kms/key:Key", "initech-key-key"), ["globex"]),
    ).toBeUndefined();
    expect(
      stackSecretInventoryId(resource("aws:kms/key:Key", "globex-other-key"), ["globex"]),
    ).toBeUndefined();
  });
});
