import { describe, expect, it } from "vitest";
import { methodArnMatches, parseMethodArn, routeArn } from "../../../runtime/authorizer/methodArn.ts";

const arn = "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/v1/conversations/c-1/messages";

describe("parseMethodArn", () => {
  it("reads region, account, API, stage, method and path", () => {
    expect(parseMethodArn(arn)).toEqual({
      partition: "aws",
      region: "eu-west-1",
      accountId: "123456789012",
      apiId: "a1b2c3d4e5",
      stage: "prod",
      httpMethod: "GET",
      path: "/v1/conversations/c-1/messages",
    });
  });

  it.each([
    ["a wildcard", "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/*/GET/v1/models"],
    [
      "a single-character wildcard",
      "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/v1/model?",
    ],
    ["another service", "arn:aws:lambda:eu-west-1:123456789012:function:x"],
    ["no method", "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod"],
    ["a number", 42],
  ])("refuses %s", (_, value) => {
    expect(parseMethodArn(value)).toBeUndefined();
  });
});

describe("methodArnMatches", () => {
  const parsed = parseMethodArn(arn);
  if (parsed === undefined) throw new Error("fixture ARN does not parse");
  const invoked = {
    apiId: "a1b2c3d4e5",
    stage: "prod",
    httpMethod: "GET",
    resource: "/v1/conversations/{conversationId}/messages",
  };

  it("accepts the ARN of the invoked method", () => {
    expect(methodArnMatches(parsed, invoked)).toBe(true);
  });

  it.each([
    ["another API", { apiId: "zzzzzzzzzz" }],
    ["another stage", { stage: "dev" }],
    ["another method", { httpMethod: "POST" }],
    ["another resource", { resource: "/v1/conversations/{conversationId}" }],
    ["a literal segment that differs", { resource: "/v1/templates/{templateId}/messages" }],
  ])("refuses %s", (_, change) => {
    expect(methodArnMatches(parsed, { ...invoked, ...change })).toBe(false);
  });

  it("refuses an empty path parameter", () => {
    const empty = parseMethodArn(
      "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/v1/conversations//messages",
    );
    expect(empty && methodArnMatches(empty, invoked)).toBe(false);
  });
});

describe("routeArn", () => {
  it("puts * for each path parameter of the resource, keeping API, stage and method", () => {
    const parsed = parseMethodArn(arn);
    expect(parsed && routeArn(parsed, "/v1/conversations/{conversationId}/messages")).toBe(
      "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/v1/conversations/*/messages",
    );
  });

  it("is the method ARN itself for a resource without parameters", () => {
    const plain = "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/v1/models";
    const parsed = parseMethodArn(plain);
    expect(parsed && routeArn(parsed, "/v1/models")).toBe(plain);
  });
});
