import { describe, expect, it } from "vitest";
import { parseConfigArguments, planStackConfig } from "../../../runtime/plan/planStackConfig.ts";
import type { TenantConfig } from "../../../tenants/schema.ts";

const bedrockTenant = {
  id: "globex",
  network: "shared",
  models: { allowlist: [{ key: "claude", provider: "bedrock" }] },
} as unknown as TenantConfig;
const internetTenant = {
  id: "initech",
  network: "shared",
  models: { allowlist: [{ key: "gpt", provider: "openai-compatible" }] },
} as unknown as TenantConfig;
const dedicatedTenant = { ...bedrockTenant, id: "acme-health", network: "dedicated" } as TenantConfig;

describe("planStackConfig", () => {
  it("gives the shared stack every required key at its documented example", () => {
    expect(planStackConfig({ stackName: "shared", tenants: [bedrockTenant] })).toEqual({
      "aws:region": "us-east-1",
      "silo:jwtIssuer": "https://idp.example.com/",
      "silo:jwtAudience": "silo-api",
      "silo:jwksUrl": "https://idp.example.com/.well-known/jwks.json",
    });
  });

  it("turns NAT on for the shared VPC when a shared-network tenant calls a model over the internet", () => {
    const config = planStackConfig({ stackName: "shared", tenants: [bedrockTenant, internetTenant] });

    expect(config["silo:natGateways"]).toBe("single");
  });

  it("gives a dedicated tenant a VPC range and a shared-network tenant none", () => {
    const tenants = [bedrockTenant, dedicatedTenant];

    expect(planStackConfig({ stackName: "tenant-acme-health", tenants })["silo:vpcCidr"]).toBe(
      "10.20.0.0/16",
    );
    expect(planStackConfig({ stackName: "tenant-globex", tenants })).toEqual({ "aws:region": "us-east-1" });
  });

  it("lets the stack file win over defaults and --config win over the stack file", () => {
    const config = planStackConfig({
      stackName: "tenant-globex",
      tenants: [bedrockTenant],
      stackFile: { "aws:region": "eu-west-1", "silo:environment": "staging" },
      overrides: { "silo:environment": "production" },
    });

    expect(config).toEqual({ "aws:region": "eu-west-1", "silo:environment": "production" });
  });
});

describe("parseConfigArguments", () => {
  it("reads KEY=VALUE, putting bare keys in the silo namespace and keeping = in values", () => {
    expect(parseConfigArguments(["aws:region=eu-west-1", "jwtAudience=a=b"])).toEqual({
      "aws:region": "eu-west-1",
      "silo:jwtAudience": "a=b",
    });
  });

  it("refuses a value without a key, with an example of the fix", () => {
    expect(() => parseConfigArguments(["=x"])).toThrow(
      '--config "=x" is not KEY=VALUE; write it as e.g. --config aws:region=eu-west-1',
    );
  });
});
