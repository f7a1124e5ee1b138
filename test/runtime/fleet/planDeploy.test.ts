import { describe, expect, it } from "vitest";
import { planDeploy } from "../../../runtime/fleet/planDeploy.ts";
import { tenant } from "./fakeStackWorkspaces.ts";

const tenants = [tenant("globex"), tenant("acme"), tenant("initech")];

describe("planDeploy", () => {
  it("plans shared, then every tenant stack by id, with --all", () => {
    const plan = planDeploy(tenants, { all: true });

    expect(plan.shared).toBe(true);
    expect(plan.tenants.map((stack) => stack.stackName)).toEqual([
      "tenant-acme",
      "tenant-globex",
      "tenant-initech",
    ]);
  });

  it("qualifies every stack with --environment", () => {
    const plan = planDeploy(tenants, { tenantIds: ["globex"], environmentQualifier: "staging" });

    expect(plan.sharedStackName).toBe("staging.shared");
    expect(plan.tenants.map((stack) => stack.stackName)).toEqual(["staging.tenant-globex"]);
    expect(planDeploy(tenants, { all: true }).sharedStackName).toBe("shared");
  });

  it("plans only the named tenants, once each, and skips shared when asked", () => {
    const plan = planDeploy(tenants, { tenantIds: ["initech", "acme", "initech"], skipShared: true });

    expect(plan.shared).toBe(false);
    expect(plan.tenants.map((stack) => stack.tenant.id)).toEqual(["acme", "initech"]);
  });

  it("refuses an unknown tenant, naming the known ones", () => {
    expect(() => planDeploy(tenants, { tenantIds: ["acme", "globx"] })).toThrow(
      expect.objectContaining({
        code: "TENANT_NOT_FOUND",
        message:
          "no tenant file for globx; known tenants: globex, acme, initech. Create one with: silo tenants new <id>",
      }),
    );
  });

  it.each([
    [{}, "say which tenant stacks to deploy: --tenant ID (repeatable) or --all"],
    [
      { all: true, tenantIds: ["acme"] },
      "--all and --tenant exclude each other; pass --all for every tenant, or --tenant ID for each one",
    ],
  ])("refuses the selection %j", (selection, message) => {
    expect(() => planDeploy(tenants, selection)).toThrow(
      expect.objectContaining({ code: "DEPLOY_SELECTION_INVALID", message }),
    );
  });
});
