import type { PolicyPackConfig } from "@pulumi/policy";
import { beforeAll, describe, expect, it } from "vitest";
import { loadPolicyProfile } from "../../../policies/profiles/loadPolicyProfile.ts";
import { allRules } from "../../../policies/rules/allRules.ts";
import type {
  SiloMutationContext,
  SiloPolicy,
  SiloPolicyMutation,
} from "../../../policies/rules/siloPolicy.ts";
import { stackOwner } from "../../../policies/rules/stackOwner.ts";
import { loadTenantsOrThrow } from "../../../runtime/core/tenants/loadTenants.ts";
import { mockAccountId, mockRegion } from "../../../runtime/plan/mockOutputs.ts";
import { planStackNames } from "../../../runtime/plan/planStackNames.ts";
import type { PlannedStack } from "../../../runtime/plan/planStacks.ts";
import { runPolicies } from "../../../runtime/plan/policyEngine/runPolicies.ts";
import type { RecordedResource } from "../../../runtime/plan/pulumiRecording.ts";
import { planKitStacks } from "../../support/pulumi/planKitStacks.ts";
import { mutationExemptRules } from "./mutationExemptRules.ts";

// The mutation test (policies/README.md): `silo plan --stack all` is recorded once, in-process (the shared
// stack and every example tenant's), then every mutation of every rule's metadata is applied to one
// resource of its type at a time, in memory, and the rule must report a mandatory violation on exactly that
// resource. A rule the pack runs but that no change can fail would pass anything.
const tenants = await loadTenantsOrThrow();
let stacks: readonly PlannedStack[];
const profiles = new Map<string, PolicyPackConfig>();

beforeAll(async () => {
  stacks = await planKitStacks(tenants);
  for (const stack of stacks) profiles.set(stack.profile, await loadPolicyProfile(stack.profile));
}, 120_000);

function contextOf(stack: PlannedStack): SiloMutationContext {
  const tenantId = stackOwner(`urn:pulumi:${stack.name}::silo-kit::x::x`) ?? stack.name;
  const otherTenantId = tenants.map((tenant) => tenant.id).find((id) => id !== tenantId) ?? "other";
  return { tenantId, otherTenantId, accountId: mockAccountId, region: mockRegion };
}

/** The first resource of the stacks (tenants first, then shared) the mutation applies to, changed. */
function mutated(mutation: SiloPolicyMutation) {
  const ordered = [...stacks].sort(
    (left, right) => Number(left.name === "shared") - Number(right.name === "shared"),
  );
  for (const stack of ordered) {
    for (const resource of stack.resources) {
      if (resource.type !== mutation.type) continue;
      const changed = mutation.mutate(resource.inputs, contextOf(stack));
      if (changed === undefined) continue;
      // A changed input no longer comes from the resources it did: drop its dependencies too.
      const propertyDependencies = Object.fromEntries(
        Object.entries(resource.propertyDependencies).filter(
          ([key]) => changed[key] === resource.inputs[key],
        ),
      );
      const changedResource: RecordedResource = {
        ...resource,
        inputs: changed,
        state: { ...resource.state, ...changed },
        propertyDependencies,
      };
      const resources = stack.resources.map((candidate) =>
        candidate === resource ? changedResource : candidate,
      );
      return { stack, resource: changedResource, resources };
    }
  }
  return undefined;
}

const withMutations = allRules.flatMap((rule) =>
  (rule.mutations ?? []).map((mutation) => [rule.name, mutation.change, rule, mutation] as const),
);

describe("the mutation test", () => {
  it("plans every stack with no violation, unchanged", () => {
    // Assess
    expect(stacks.map((stack) => [stack.name, stack.violations])).toEqual(
      planStackNames(["all"], tenants).map((name) => [name, []]),
    );
  });

  it.each(allRules.map((rule) => [rule.name, rule] as const))(
    "%s lists its mutations (or is exempt with a reason)",
    (name, rule: SiloPolicy) => {
      // Assess
      const exempt = mutationExemptRules[name];
      if (exempt !== undefined) {
        expect(rule.mutations ?? [], `${name} is exempt (${exempt}) but lists mutations`).toEqual([]);
        return;
      }
      expect(rule.mutations?.length ?? 0, `${name} has no mutations`).toBeGreaterThan(0);
    },
  );

  it.each(withMutations)("%s catches %s", async (name, _change, rule, mutation) => {
    // Prepare
    const target = mutated(mutation);
    expect(target, `no recorded ${mutation.type} takes "${mutation.change}"`).toBeDefined();
    if (target === undefined) return;

    // Act
    const run = await runPolicies([rule], target.resources, {
      profile: profiles.get(target.stack.profile) ?? {},
    });

    // Assess
    const caught = run.violations.filter(
      (violation) =>
        violation.policy === name &&
        violation.enforcementLevel === "mandatory" &&
        violation.urn === target.resource.urn,
    );
    expect(caught.length, `${name} on ${target.resource.urn} after ${mutation.change}`).toBeGreaterThan(0);
  });
});
