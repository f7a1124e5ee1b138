import { describe, expect, it } from "vitest";
import { type SharedNetworkFacts, tenantNetworkPlan } from "../../../components/network/tenantNetworkPlan.ts";
import { testTenant } from "../support.ts";

const shared: SharedNetworkFacts = {
  vpcCidrBlock: "10.0.0.0/16",
  dedicatedCidrPool: "10.16.0.0/12",
  availabilityZones: ["us-east-1a", "us-east-1b"],
  internetEgress: true,
};
const bedrockOnly = {
  allowlist: [{ key: "nova-lite", provider: "bedrock" as const, modelId: "amazon.nova-lite-v1:0" }],
  defaultModel: "nova-lite",
};

describe("tenantNetworkPlan", () => {
  it("puts a shared tenant in the shared VPC, with internet egress only for openai-compatible models", () => {
    // Act
    const byok = tenantNetworkPlan(testTenant(), shared, undefined);
    const bedrock = tenantNetworkPlan(testTenant({ models: bedrockOnly }), shared, undefined);

    // Assess
    expect(byok).toEqual({ kind: "shared", internetEgress: true });
    expect(bedrock).toEqual({ kind: "shared", internetEgress: false });
  });

  it("refuses an openai-compatible model when the shared VPC has no NAT, naming the fix", () => {
    // Act
    const plan = () => tenantNetworkPlan(testTenant(), { ...shared, internetEgress: false }, undefined);

    // Assess
    expect(plan).toThrow(expect.objectContaining({ code: "TENANT_NETWORK_INVALID" }));
    expect(plan).toThrow(
      /gpt \(https:\/\/llm\.acme\.example\/v1\).*pulumi config set silo:natGateways single/,
    );
  });

  it("gives a dedicated tenant its own range, cut into one subnet per shared zone", () => {
    // Act
    const plan = tenantNetworkPlan(
      testTenant({ network: "dedicated", models: bedrockOnly }),
      shared,
      "10.20.0.0/16",
    );

    // Assess
    expect(plan).toEqual({
      kind: "dedicated",
      internetEgress: false,
      vpcCidrBlock: "10.20.0.0/16",
      subnets: [
        { availabilityZone: "us-east-1a", cidrBlock: "10.20.0.0/18" },
        { availabilityZone: "us-east-1b", cidrBlock: "10.20.64.0/18" },
      ],
    });
  });

  it("explains each misconfigured dedicated network", () => {
    // Prepare
    const dedicated = testTenant({ network: "dedicated", models: bedrockOnly });

    // Assess
    expect(() => tenantNetworkPlan(dedicated, shared, undefined)).toThrow(
      /needs an address range of its own; run: pulumi config set silo:vpcCidr 10\.20\.0\.0\/16 --stack tenant-acme/,
    );
    expect(() => tenantNetworkPlan(dedicated, shared, "10.0.64.0/18")).toThrow(
      /overlaps the shared VPC's 10\.0\.0\.0\/16/,
    );
    expect(() => tenantNetworkPlan(dedicated, shared, "10.32.0.0/16")).toThrow(
      'silo:vpcCidr "10.32.0.0/16" on stack tenant-acme is outside the shared stack\'s dedicated pool 10.16.0.0/12 ' +
        "(silo:dedicatedCidrPool), which the shared VPC routes to the Transit Gateway; choose a range inside it, e.g. " +
        "pulumi config set silo:vpcCidr 10.16.0.0/16 --stack tenant-acme",
    );
    expect(() => tenantNetworkPlan(dedicated, shared, "10.32.0.0/12")).toThrow(
      /must be a \/16 to \/24 block/,
    );
    expect(() => tenantNetworkPlan(testTenant({ network: "dedicated" }), shared, "10.20.0.0/16")).toThrow(
      /no internet egress, but calls gpt/,
    );
    expect(() => tenantNetworkPlan(testTenant({ models: bedrockOnly }), shared, "10.20.0.0/16")).toThrow(
      /pulumi config rm silo:vpcCidr --stack tenant-acme/,
    );
  });
});
