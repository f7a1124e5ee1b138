import { describe, expect, it } from "vitest";
import { parseMethodArn } from "../../../runtime/authorizer/methodArn.ts";
import { localApiId, localMethodArn } from "../../../runtime/local/localMethodArn.ts";

describe("localMethodArn", () => {
  it("is a method ARN the authorizer reads, with the tenant's own API id", () => {
    expect(parseMethodArn(localMethodArn("acme-health", "GET", "/v1/conversations/c-1"))).toEqual({
      partition: "aws",
      region: "local",
      accountId: "000000000000",
      apiId: localApiId("acme-health"),
      stage: "local",
      httpMethod: "GET",
      path: "/v1/conversations/c-1",
    });
  });

  it("gives each tenant a different, stable, alphanumeric API id", () => {
    expect(localApiId("acme-health")).toMatch(/^[a-z0-9]{10}$/);
    expect(localApiId("acme-health")).toBe(localApiId("acme-health"));
    expect(localApiId("acme-health")).not.toBe(localApiId("globex"));
  });
});
