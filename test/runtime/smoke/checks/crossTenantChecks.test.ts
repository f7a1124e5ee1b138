import { describe, expect, it } from "vitest";
import { findRoute } from "../../../../runtime/api/routes.ts";
import { isolationProbes, runCrossTenantChecks } from "../../../../runtime/smoke/checks/crossTenantChecks.ts";
import { newTenantState } from "../../../../runtime/smoke/smokeContext.ts";
import { fakeSmokeContext, response } from "../fakeSmokeContext.ts";

function accepted(tenantId: string) {
  return { ...newTenantState(tenantId), tokenAccepted: true };
}

describe("runCrossTenantChecks", () => {
  it("probes real routes of every handler group, each with its own group", () => {
    const groups = isolationProbes.map((probe) => findRoute(`${probe.method} ${probe.path}`)?.group);

    expect(groups).toEqual(isolationProbes.map((probe) => probe.group));
    expect(new Set(groups)).toEqual(new Set(["data", "chat", "admin"]));
  });

  it("checks every ordered pair of tenants, each on the other tenant's API", async () => {
    const { context, requests, results } = fakeSmokeContext(() => response(403, { message: "Forbidden" }));

    await runCrossTenantChecks(context, [accepted("acme-health"), accepted("globex"), accepted("initech")]);

    expect(results.map((result) => `${result.name} -> ${result.tenant} ${result.status}`)).toEqual([
      "isolation: token of acme-health -> globex pass",
      "isolation: token of acme-health -> initech pass",
      "isolation: token of globex -> acme-health pass",
      "isolation: token of globex -> initech pass",
      "isolation: token of initech -> acme-health pass",
      "isolation: token of initech -> globex pass",
    ]);
    expect(requests).toHaveLength(6 * isolationProbes.length);
    expect(requests[0]).toMatchObject({
      tenantId: "globex",
      token: expect.stringMatching(/^token-of-acme-health:/),
    });
  });

  it("fails a pair when a route lets the token through, or only the runtime refuses it", async () => {
    const { context, results } = fakeSmokeContext((request) =>
      request.path === "/v1/budget"
        ? response(200, {})
        : request.path === "/v1/models"
          ? response(403, { code: "TENANT_MISMATCH" }, "application/problem+json")
          : response(403, { message: "Forbidden" }),
    );

    await runCrossTenantChecks(context, [accepted("acme-health"), accepted("globex")]);

    expect(results[0]).toEqual({
      name: "isolation: token of acme-health",
      tenant: "globex",
      status: "fail",
      detail:
        "GET /v1/models: 403 TENANT_MISMATCH from the tenant runtime, not the edge: the authorizer let the request through; " +
        "GET /v1/budget: expected 403 at the edge, got 200 application/json",
    });
  });

  it("skips with a clear reason when fewer than two tenants are checked", async () => {
    const { context, results } = fakeSmokeContext(() => response(500));

    await runCrossTenantChecks(context, [accepted("globex")]);

    expect(results).toEqual([
      {
        name: "isolation: cross-tenant denials",
        status: "skip",
        detail: "needs two tenants, got 1 (globex)",
      },
    ]);
  });

  it("skips a pair whose token is refused on its own tenant's API too", async () => {
    const { context, requests, results } = fakeSmokeContext(() => response(403, { message: "Forbidden" }));

    await runCrossTenantChecks(context, [newTenantState("acme-health"), accepted("globex")]);

    expect(results.map((result) => result.status)).toEqual(["skip", "pass"]);
    expect(requests.every((request) => request.token?.startsWith("token-of-globex"))).toBe(true);
  });
});
