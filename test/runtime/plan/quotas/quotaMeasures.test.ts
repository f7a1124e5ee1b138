import { describe, expect, it } from "vitest";
import {
  countOf,
  fromAnotherStack,
  largestContainer,
  permissionStatementBytes,
  sumOf,
} from "../../../../runtime/plan/quotas/quotaMeasures.ts";
import { recorded } from "./quotaResources.ts";

const ingress = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const ownGroup = "urn:pulumi:tenant-a::silo-kit::aws:ec2/securityGroup:SecurityGroup::a-db";

describe("countOf and sumOf", () => {
  it("count resources of the given types and sum a nested input, absent values as 0", () => {
    const resources = [
      recorded("aws:rds/instance:Instance", "db"),
      recorded("aws:lambda/function:Function", "chat", { reservedConcurrentExecutions: 5 }),
      recorded("aws:lambda/function:Function", "data", {}),
      recorded("aws:apigatewayv2/stage:Stage", "stage", {
        defaultRouteSettings: { throttlingRateLimit: 20 },
      }),
    ];

    expect(countOf(resources, "aws:rds/instance:Instance", "aws:lambda/function:Function")).toBe(3);
    expect(sumOf(resources, "aws:lambda/function:Function", "reservedConcurrentExecutions")).toBe(5);
    expect(sumOf(resources, "aws:apigatewayv2/stage:Stage", "defaultRouteSettings.throttlingRateLimit")).toBe(
      20,
    );
  });
});

describe("fromAnotherStack", () => {
  it("is true for a value that depends on no resource of the stack (config or a StackReference output)", () => {
    expect(
      fromAnotherStack(recorded(ingress, "r", { securityGroupId: "sg-ledger" }), "securityGroupId"),
    ).toBe(true);
    expect(
      fromAnotherStack(
        recorded(ingress, "r", { securityGroupId: "sg-ledger" }, { securityGroupId: "shared" }),
        "securityGroupId",
      ),
    ).toBe(true);
  });

  it("is false for a value from the stack's own resource, and for an absent one", () => {
    expect(
      fromAnotherStack(
        recorded(ingress, "r", { securityGroupId: "a-db-id" }, { securityGroupId: ownGroup }),
        "securityGroupId",
      ),
    ).toBe(false);
    expect(fromAnotherStack(recorded(ingress, "r", {}), "securityGroupId")).toBe(false);
  });
});

describe("largestContainer", () => {
  const rules = [
    recorded(ingress, "ledger-1", { securityGroupId: "sg-ledger" }),
    recorded(ingress, "ledger-2", { securityGroupId: "sg-ledger" }),
    recorded(ingress, "db-1", { securityGroupId: "a-db-id" }, { securityGroupId: ownGroup }),
    recorded(ingress, "db-2", { securityGroupId: "a-db-id" }, { securityGroupId: ownGroup }),
    recorded(ingress, "db-3", { securityGroupId: "a-db-id" }, { securityGroupId: ownGroup }),
  ];

  it("answers the fullest container of the shared stack", () => {
    expect(largestContainer(rules, "shared", ingress, "securityGroupId")).toBe(3);
  });

  it("counts in a tenant stack only what it adds to containers of another stack", () => {
    expect(largestContainer(rules, "tenant", ingress, "securityGroupId")).toBe(2);
    expect(largestContainer(rules.slice(2), "tenant", ingress, "securityGroupId")).toBe(0);
  });

  it("weighs each resource as asked", () => {
    expect(largestContainer(rules, "shared", ingress, "securityGroupId", () => 10)).toBe(30);
  });
});

describe("permissionStatementBytes", () => {
  it("is the size of the statement AWS writes for the permission", () => {
    const permission = recorded("aws:lambda/permission:Permission", "invoke", {
      action: "lambda:InvokeFunction",
      function: "silo-shared-authorizer",
      principal: "apigateway.amazonaws.com",
      sourceArn: "arn:aws:execute-api:us-east-1:123456789012:*/authorizers/*",
    });

    expect(permissionStatementBytes(permission)).toBe(
      JSON.stringify({
        Sid: "invoke",
        Effect: "Allow",
        Principal: { Service: "apigateway.amazonaws.com" },
        Action: "lambda:InvokeFunction",
        Resource: "arn:aws:lambda:us-east-1:123456789012:function:silo-shared-authorizer",
        Condition: {
          ArnLike: { "AWS:SourceArn": "arn:aws:execute-api:us-east-1:123456789012:*/authorizers/*" },
        },
      }).length,
    );
  });
});
