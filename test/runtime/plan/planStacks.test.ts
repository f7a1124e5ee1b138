import { beforeAll, describe, expect, it } from "vitest";
import { defaultTenantsDir } from "../../../runtime/core/tenants/defaultTenantsDir.ts";
import { loadTenantsOrThrow } from "../../../runtime/core/tenants/loadTenants.ts";
import { planStackNames } from "../../../runtime/plan/planStackNames.ts";
import { type PlannedStack, planStacks } from "../../../runtime/plan/planStacks.ts";
import { type TenantConfig, tenantConfigSchema } from "../../../tenants/schema.ts";

// `silo plan` in-process over the example fleet, then over its longest-named twin: every example tenant
// with a 32-character id (tenants/tenantId.ts's most) and 64-character model keys (the schema's most) in an
// environment with a 10-character qualifier (components/common/environmentQualifier.ts's most). Every name
// and description of every stack must be one AWS accepts (runtime/plan/nameLimits/awsNameLimits.ts).
const examples = await loadTenantsOrThrow();
/** The longest qualifier `--environment` accepts. */
const longestQualifier = "qualifier9";

/** A 32-character id, the schema's longest, from an example's own. */
const longestId = (id: string) => `${id}-${"z".repeat(30)}`.slice(0, 31).replace(/-$/, "z").concat("9");
/** A 64-character model key, the schema's longest, with dots, underscores and a doubled hyphen in it. */
const longestKey = (key: string) => `${key}.v1_2--${"x".repeat(64)}`.slice(0, 64);

/** The example tenant with every name at its longest, as the schema still accepts it. */
function longestNamed(tenant: TenantConfig): TenantConfig {
  return tenantConfigSchema.parse({
    ...tenant,
    id: longestId(tenant.id),
    models: {
      ...tenant.models,
      allowlist: tenant.models.allowlist.map((model) => ({ ...model, key: longestKey(model.key) })),
      defaultModel: longestKey(tenant.models.defaultModel),
    },
  });
}

async function plan(
  tenants: readonly TenantConfig[],
  environment?: string,
): Promise<readonly PlannedStack[]> {
  const report = await planStacks({
    targets: planStackNames(["all"], tenants, environment).map((stackName) => ({
      stackName,
      program: { kind: "project" },
      source: stackName,
    })),
    tenants,
    tenantsDir: defaultTenantsDir(),
  });
  return report.stacks;
}

let exampleFleet: readonly PlannedStack[];
let longestFleet: readonly PlannedStack[];
const longestTenants = examples.map(longestNamed);

beforeAll(async () => {
  exampleFleet = await plan(examples);
  longestFleet = await plan(longestTenants, longestQualifier);
}, 240_000);

describe("planStacks: names AWS accepts", () => {
  it("finds no name or description AWS refuses in the example fleet", () => {
    // Assess
    expect(exampleFleet.map((stack) => [stack.name, stack.nameFindings])).toEqual(
      ["shared", ...examples.map((tenant) => `tenant-${tenant.id}`)].map((name) => [name, []]),
    );
  });

  it("finds none with 32-character tenant ids and 64-character model keys under a 10-character qualifier", () => {
    // Assess
    expect(longestTenants.map((tenant) => tenant.id.length)).toEqual(examples.map(() => 32));
    expect(longestFleet.map((stack) => [stack.name, stack.nameFindings])).toEqual(
      [
        `${longestQualifier}.shared`,
        ...longestTenants.map((tenant) => `${longestQualifier}.tenant-${tenant.id}`),
      ].map((name) => [name, []]),
    );
  });

  it("plans the longest-named fleet with zero policy violations too", () => {
    // Assess
    expect(longestFleet.flatMap((stack) => stack.violations)).toEqual([]);
  });

  it("checks names at AWS's very limit there: inference profile names of exactly 64 characters", () => {
    // Act
    const lengths = longestFleet.flatMap((stack) =>
      stack.resources
        .filter((resource) => resource.type === "aws:bedrock/inferenceProfile:InferenceProfile")
        .map((resource) => String(resource.inputs.name).length),
    );

    // Assess
    expect(lengths.length).toBeGreaterThan(0);
    expect(Math.max(...lengths)).toBe(64);
  });
});
