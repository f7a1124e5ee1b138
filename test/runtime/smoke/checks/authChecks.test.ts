import { describe, expect, it } from "vitest";
import { runAuthChecks, tamperSignature } from "../../../../runtime/smoke/checks/authChecks.ts";
import { everyScope, newTenantState } from "../../../../runtime/smoke/smokeContext.ts";
import { fakeSmokeContext, response } from "../fakeSmokeContext.ts";

describe("runAuthChecks", () => {
  it("passes when the edge answers 401 without a valid token and 403 without the route's scope", async () => {
    const { context, requests, results } = fakeSmokeContext((request) =>
      // The token with every scope but the route's.
      request.token === `token-of-globex:${everyScope.length - 1}`
        ? response(403, { message: "Forbidden" })
        : response(401, { message: "Unauthorized" }),
    );

    await runAuthChecks(context, { ...newTenantState("globex"), tokenAccepted: true });

    expect(results.map((result) => `${result.name}: ${result.status}`)).toEqual([
      "auth: missing token -> 401: pass",
      "auth: malformed token -> 401: pass",
      "auth: expired token -> 401: pass",
      "auth: missing scope -> 403: pass",
      "auth: tampered signature -> 401: pass",
    ]);
    expect(requests.map((request) => request.token)).toEqual([
      undefined,
      "not-a-jwt",
      "expired-of-globex",
      // Every scope but models:read, then every scope.
      `token-of-globex:${everyScope.length - 1}`,
      tamperSignature(`token-of-globex:${everyScope.length}`),
    ]);
  });

  it("fails an API that lets a bad token through", async () => {
    const { context, results } = fakeSmokeContext(() => response(200, { object: "list", data: [] }));

    await runAuthChecks(context, { ...newTenantState("globex"), tokenAccepted: true });

    expect(results.every((result) => result.status === "fail")).toBe(true);
    expect(results[0]?.detail).toBe("expected 401 at the edge, got 200 application/json");
  });

  it("skips the token denials when the tenant's valid token is refused too", async () => {
    const { context, results } = fakeSmokeContext(() => response(403, { message: "Forbidden" }));

    await runAuthChecks(context, newTenantState("globex"));

    expect(results.map((result) => result.status)).toEqual(["fail", "fail", "skip", "skip", "skip"]);
  });
});

describe("tamperSignature", () => {
  it("changes one middle character of the signature only", () => {
    const token = "aGVhZGVy.cGF5bG9hZA.QUFBQUFBQUFBQUFB";

    const tampered = tamperSignature(token);

    expect(tampered).not.toBe(token);
    expect(tampered.split(".").slice(0, 2)).toEqual(["aGVhZGVy", "cGF5bG9hZA"]);
    expect(tampered).toHaveLength(token.length);
    expect(Buffer.from(tampered.split(".")[2] ?? "", "base64url")).not.toEqual(
      Buffer.from("QUFBQUFBQUFBQUFB", "base64url"),
    );
  });
});
