import { describe, expect, it } from "vitest";
import { tenantStackConfig } from "../../../runtime/fleet/tenantStackConfig.ts";
import { tenant } from "./fakeStackWorkspaces.ts";

describe("tenantStackConfig", () => {
  it("uses the shared stack's Region and the prebuilt Lambda code, leaving other keys alone", () => {
    const config = tenantStackConfig({
      tenant: tenant("acme"),
      stackName: "tenant-acme",
      existing: { "aws:region": "us-east-1", "silo:environment": "staging" },
      sharedRegion: "eu-west-1",
    });

    expect(config).toEqual({
      "aws:region": { value: "eu-west-1" },
      "silo:lambdaCode": { value: "prebuilt" },
    });
  });

  it("keeps the stack's own Region when the shared one is unknown", () => {
    const config = tenantStackConfig({
      tenant: tenant("acme"),
      stackName: "tenant-acme",
      existing: { "aws:region": "us-east-2" },
    });

    expect(config["aws:region"]).toEqual({ value: "us-east-2" });
  });

  it("accepts a dedicated tenant whose stack has its own range", () => {
    const config = tenantStackConfig({
      tenant: tenant("vault", { network: "dedicated" }),
      stackName: "tenant-vault",
      existing: { "silo:vpcCidr": "10.20.0.0/16" },
      sharedRegion: "eu-west-1",
    });

    expect(Object.keys(config)).toEqual(["aws:region", "silo:lambdaCode"]);
  });

  it("reports every problem at once, each with its fix", () => {
    const act = () =>
      tenantStackConfig({
        tenant: tenant("acme"),
        stackName: "tenant-acme",
        existing: { "silo:vpcCidr": "10.20.0.0/16", "silo:enviroment": "staging" },
      });

    expect(act).toThrow(
      expect.objectContaining({
        code: "STACK_CONFIG_INVALID",
        message: [
          "stack tenant-acme has invalid config (see docs/stacks.md):",
          "- silo:vpcCidr is set, but tenants/acme.yaml uses the shared network; fix: pulumi config rm silo:vpcCidr --stack tenant-acme",
          "- silo:enviroment is not a silo-kit config key (did you mean silo:environment?); fix: pulumi config rm silo:enviroment --stack tenant-acme",
          "- aws:region is not set: AWS Region of the stack; tenant stacks must use the shared stack's Region; fix: pulumi config set aws:region us-east-1 --stack tenant-acme",
        ].join("\n"),
      }),
    );
  });
});
