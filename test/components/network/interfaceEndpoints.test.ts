import { describe, expect, it } from "vitest";
import {
  endpointServiceName,
  interfaceEndpointPolicy,
  interfaceEndpointServices,
} from "../../../components/network/interfaceEndpoints.ts";
import { testAws } from "../support.ts";

describe("interfaceEndpointPolicy", () => {
  it("lets only the account's principals make the kit's calls, on the account's resources", () => {
    // Act
    const policy = interfaceEndpointPolicy(testAws, "secretsmanager");

    // Assess
    expect(policy.Statement).toEqual([
      {
        Sid: "AccountPrincipalsOnAccountResources",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: ["secretsmanager:GetSecretValue"],
        Resource: ["*"],
        Condition: {
          StringEquals: { "aws:PrincipalAccount": "123456789012", "aws:ResourceAccount": "123456789012" },
        },
      },
    ]);
  });

  it("gives every endpoint its service's calls only, and Bedrock no resource-account condition (AWS owns the models)", () => {
    // Act
    const policies = Object.fromEntries(
      interfaceEndpointServices.map((service) => [
        service,
        interfaceEndpointPolicy(testAws, service).Statement[0],
      ]),
    );

    // Assess
    for (const service of interfaceEndpointServices) {
      const prefix = service === "bedrock-runtime" ? "bedrock:" : `${service}:`;
      expect(
        policies[service]?.Action.every((action) => action.startsWith(prefix)),
        service,
      ).toBe(true);
    }
    expect(policies["bedrock-runtime"]?.Condition).toEqual({
      StringEquals: { "aws:PrincipalAccount": "123456789012" },
    });
    expect(policies["bedrock-runtime"]?.Action).toEqual([
      "bedrock:InvokeModel",
      "bedrock:InvokeModelWithResponseStream",
    ]);
  });
});

describe("endpointServiceName", () => {
  it("names the service in the Region", () => {
    // Assess
    expect(endpointServiceName("eu-west-1", "bedrock-runtime")).toBe(
      "com.amazonaws.eu-west-1.bedrock-runtime",
    );
  });
});
