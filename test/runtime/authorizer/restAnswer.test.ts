import { describe, expect, it } from "vitest";
import { denyReasons } from "../../../runtime/authorizer/denyReason.ts";
import { methodPolicy, restRefusalFor } from "../../../runtime/authorizer/restAnswer.ts";

describe("restRefusalFor", () => {
  it.each([
    ["tenant_mismatch", "deny"],
    ["missing_scope", "deny"],
    ["unknown_route", "deny"],
    ["method_arn_mismatch", "deny"],
    ["stage_tenant_missing", "deny"],
    ["stage_organization_missing", "deny"],
    ["missing_token", "unauthorized"],
    ["bad_signature", "unauthorized"],
    ["expired", "unauthorized"],
    ["wrong_audience", "unauthorized"],
    ["jwks_unavailable", "failure"],
    ["internal_error", "failure"],
  ] as const)("answers %s as %s", (reason, refusal) => {
    expect(restRefusalFor(reason)).toBe(refusal);
  });

  it("classifies every deny reason", () => {
    for (const reason of denyReasons)
      expect(["deny", "unauthorized", "failure"]).toContain(restRefusalFor(reason));
  });
});

describe("methodPolicy", () => {
  it("builds one statement on exactly the method ARN, with the context when given", () => {
    expect(
      methodPolicy("user-1", "Allow", "arn:aws:execute-api:r:123456789012:api/s/GET/v1/models", { a: "1" }),
    ).toEqual({
      principalId: "user-1",
      policyDocument: {
        Version: "2012-10-17",
        Statement: [
          {
            Action: "execute-api:Invoke",
            Effect: "Allow",
            Resource: "arn:aws:execute-api:r:123456789012:api/s/GET/v1/models",
          },
        ],
      },
      context: { a: "1" },
    });
  });

  it("leaves the context out of a deny", () => {
    expect(methodPolicy("user-1", "Deny", "arn")).not.toHaveProperty("context");
  });
});
