import { describe, expect, it } from "vitest";
import { matchRoute } from "../../../runtime/api/matchRoute.ts";
import { routes } from "../../../runtime/api/routes.ts";

describe("matchRoute", () => {
  it("finds every route of the table from its own path", () => {
    for (const route of routes) {
      const path = route.path.replace(/\{(\w+)\}/g, "x-$1");
      expect(matchRoute(route.method, path)?.route.routeKey).toBe(route.routeKey);
    }
  });

  it("returns decoded path parameters", () => {
    const matched = matchRoute("GET", "/v1/conversations/abc%20def/messages/m1");

    expect(matched?.route.operationId).toBe("getMessage");
    expect(matched?.pathParameters).toEqual({ conversationId: "abc def", messageId: "m1" });
  });

  it("matches nothing for an unknown path, a wrong method or an extra segment", () => {
    expect(matchRoute("GET", "/v1/admin")).toBeUndefined();
    expect(matchRoute("TRACE", "/v1/models")).toBeUndefined();
    expect(matchRoute("GET", "/v1/models/a/b")).toBeUndefined();
  });

  it("does not match a parameter across segments", () => {
    expect(matchRoute("GET", "/v1/conversations/a/b")).toBeUndefined();
  });

  it("skips a path parameter that is not valid percent-encoding", () => {
    expect(matchRoute("GET", "/v1/conversations/%E0%A4%A")).toBeUndefined();
  });
});
