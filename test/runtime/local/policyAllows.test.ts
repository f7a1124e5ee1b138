import { describe, expect, it } from "vitest";
import { routes } from "../../../runtime/api/routes.ts";
import { parseMethodArn, routeArn } from "../../../runtime/authorizer/methodArn.ts";
import { policyAllows } from "../../../runtime/local/policyAllows.ts";

const base = "arn:aws:execute-api:local:000000000000:abc1234567/local";
const arn = `${base}/GET/v1/conversations/c-1/messages`;
const policy = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const allow = (Resource: unknown, Action: unknown = "execute-api:Invoke") => ({
  Effect: "Allow",
  Action,
  Resource,
});
const deny = (Resource: unknown) => ({ Effect: "Deny", Action: "execute-api:Invoke", Resource });

describe("policyAllows", () => {
  it("allows when an Allow statement names exactly the method ARN", () => {
    expect(policyAllows(policy(allow(arn)), arn)).toBe(true);
  });

  it.each([
    ["* for one segment", `${base}/GET/v1/conversations/*/messages`, true],
    ["* across segments", `${base}/*`, true],
    ["? for one character", `${base}/GET/v1/conversations/c-?/messages`, true],
    ["another method", `${base}/POST/v1/conversations/c-1/messages`, false],
    [
      "another API",
      "arn:aws:execute-api:local:000000000000:zzz1234567/local/GET/v1/conversations/c-1/messages",
      false,
    ],
    ["a prefix of the ARN", `${base}/GET/v1/conversations`, false],
    ["? where two characters are", `${base}/GET/v1/conversations/?/messages`, false],
    ["a regular-expression character taken literally", `${base}/GET/v1/conversations/c.1/messages`, false],
  ])("matches a Resource with %s: %s", (_, resource, expected) => {
    expect(policyAllows(policy(allow(resource)), arn)).toBe(expected);
  });

  it("lets a Deny that covers the ARN win over any Allow", () => {
    expect(policyAllows(policy(allow("*"), deny(`${base}/GET/*`)), arn)).toBe(false);
  });

  it("ignores a Deny that does not cover the ARN", () => {
    expect(policyAllows(policy(allow(arn), deny(`${base}/POST/*`)), arn)).toBe(true);
  });

  it.each([
    ["an Allow of another action", policy(allow(arn, "execute-api:ManageConnections"))],
    ["an action list with the invoke action", policy(allow(arn, ["s3:GetObject", "execute-api:Invoke"]))],
    ["a resource list", policy(allow(["arn:other", arn]))],
    ["a single statement object", { Version: "2012-10-17", Statement: allow(arn) }],
    ["no statement", { Version: "2012-10-17" }],
    ["no policy", undefined],
    ["an unknown effect", policy({ Effect: "Maybe", Action: "execute-api:Invoke", Resource: arn })],
  ])("reads %s", (label, document) => {
    const expected = label.includes("list") || label.includes("single statement");
    expect(policyAllows(document, arn)).toBe(expected);
  });

  it("covers each route's own calls and no other route's with the authorizer's route ARN", () => {
    const sample = (path: string) => path.replace(/\{\w+\}/g, "x-1");
    for (const route of routes) {
      const invoked = `${base}/${route.method}${sample(route.path)}`;
      const parsed = parseMethodArn(invoked);
      if (parsed === undefined) throw new Error(`unparsable ${invoked}`);
      const document = policy(allow(routeArn(parsed, route.path)));
      expect(policyAllows(document, invoked), route.routeKey).toBe(true);
      expect(policyAllows(document, `${base}/${route.method}${route.path.replace(/\{\w+\}/g, "y-2")}`)).toBe(
        true,
      );
      for (const other of routes) {
        if (other === route) continue;
        // Another route's call: never covered, except where a parameter segment also matches it, which
        // the authorizer cache (keyed by method and resource path) never applies the policy to.
        const otherArn = `${base}/${other.method}${sample(other.path)}`;
        if (policyAllows(document, otherArn))
          expect(
            other.method === route.method && route.path.includes("{"),
            `${route.routeKey} vs ${other.routeKey}`,
          ).toBe(true);
      }
    }
  });
});
