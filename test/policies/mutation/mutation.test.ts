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
import { defaultTenantsDir } from "../../../runtime/core/tenants/defaultTenantsDir.ts";
import { loadTenantsOrThrow } from "../../../runtime/core/tenants/loadTenants.ts";
import { mockAccountId, mockRegion } from "../../../runtime/plan/mockOutputs.ts";
import { planStackNames } from "../../../runtime/plan/planStackNames.ts";
import { type PlannedStack, planStacks } from "../../../runtime/plan/planStacks.ts";
import { runPolicies } from "../../../runtime/plan/policyEngine/runPolicies.ts";
import type { RecordedResource } from "../../../runtime/plan/pulumiRecording.ts";
import { planKitStacks } from "../../support/pulumi/planKitStacks.ts";
import { mutationExemptRules } from "./mutationExemptRules.ts";

// The mutation test (policies/README.md): `silo plan --stack all` is recorded once, in-process (the shared
// stack and every example tenant's), and beside it a compliant client-style program with the types the
// kit's silo does not create (test/fixtures/programs/goodRestTenant.ts: REST API, S3, Aurora, function URL,
// permissions) and one with an HTTP API (test/fixtures/programs/goodHttpTenant.ts: the kit's stacks use REST
// APIs now, so the HTTP API rules need their own compliant target). Then every mutation of every rule's metadata is applied to one resource of its type at a
// time, in memory, and the rule must report a mandatory violation on exactly that resource. A rule the pack
// runs but that no change can fail would pass anything. A change listed for several types (a type and its
// alias, `Bucket` and `BucketV2`) must find at least one recorded resource among them, and is caught on each.
const tenants = await loadTenantsOrThrow();
let stacks: readonly PlannedStack[];
const profiles = new Map<string, PolicyPackConfig>();

/** The compliant client-style program: a regulated tenant's REST API, S3 bucket, Aurora cluster, URL. */
const restProgram = "test/fixtures/plan/programs/compliantRest.ts";

/** The compliant HTTP API program: the rules for HTTP APIs, which the kit's stacks no longer create. */
const httpProgram = "test/fixtures/plan/programs/compliantHttp.ts";

beforeAll(async () => {
  const rest = await planStacks({
    targets: [
      { stackName: "tenant-globex", program: { kind: "file", path: restProgram }, source: restProgram },
    ],
    tenants,
    tenantsDir: defaultTenantsDir(),
    profile: "regulated",
  });
  const http = await planStacks({
    targets: [
      { stackName: "tenant-globex", program: { kind: "file", path: httpProgram }, source: httpProgram },
    ],
    tenants,
    tenantsDir: defaultTenantsDir(),
    profile: "baseline",
  });
  stacks = [...(await planKitStacks(tenants)), ...rest.stacks, ...http.stacks];
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

/** Every rule's changes, each with the mutations (one per resource type) that make it. */
const withMutations = allRules.flatMap((rule) => {
  const byChange = new Map<string, SiloPolicyMutation[]>();
  for (const mutation of rule.mutations ?? []) {
    byChange.set(mutation.change, [...(byChange.get(mutation.change) ?? []), mutation]);
  }
  return [...byChange].map(([change, mutations]) => [rule.name, change, rule, mutations] as const);
});

describe("the mutation test", () => {
  it("plans every stack with no violation, unchanged", () => {
    // Assess
    expect(stacks.map((stack) => [stack.source, stack.violations])).toEqual(
      [...planStackNames(["all"], tenants), restProgram, httpProgram].map((source) => [source, []]),
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

  it.each(withMutations)("%s catches %s", async (name, change, rule, mutations) => {
    // Prepare
    const targets = mutations.flatMap((mutation) => mutated(mutation) ?? []);
    const types = mutations.map((mutation) => mutation.type).join(", ");
    expect(targets.length, `no recorded ${types} takes "${change}"`).toBeGreaterThan(0);

    for (const target of targets) {
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
      expect(caught.length, `${name} on ${target.resource.urn} after ${change}`).toBeGreaterThan(0);
    }
  });
});
