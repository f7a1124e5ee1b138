import { stackNameOf } from "../../stacks/parseStackName.ts";
import type { TenantConfig } from "../../tenants/schema.ts";
import { SiloError } from "../core/errors/siloError.ts";

/**
 * The stacks `silo plan --stack <value>` covers, in deploy order: `all` is `shared` then every tenant's
 * stack; `shared` and `tenant-<id>` (of a tenant in the folder) are themselves. Several values may be given.
 * With `silo plan --environment <qualifier>` every name is qualified (`staging.shared`,
 * `staging.tenant-<id>`, stacks/parseStackName.ts); the values themselves stay unqualified.
 *
 * @example
 * planStackNames(["all"], tenants); // ["shared", "tenant-acme-health", "tenant-globex", ...]
 * planStackNames(["tenant-globex"], tenants, "staging"); // ["staging.tenant-globex"]
 */
export function planStackNames(
  values: readonly string[],
  tenants: readonly TenantConfig[],
  environmentQualifier?: string,
): string[] {
  const tenantStacks = tenants.map((tenant) => `tenant-${tenant.id}`);
  const names = new Set<string>();
  for (const value of values) {
    if (value === "all") {
      for (const name of ["shared", ...tenantStacks]) names.add(name);
    } else if (value === "shared" || tenantStacks.includes(value)) {
      names.add(value);
    } else {
      const known = ["all", "shared", ...tenantStacks].join(", ");
      const fix = value.includes(".")
        ? `give the qualifier with --environment and the stack unqualified (--environment ${value.slice(0, value.indexOf("."))} --stack ${value.slice(value.indexOf(".") + 1)})`
        : value.startsWith("tenant-")
          ? `add tenants/${value.slice("tenant-".length)}.yaml (silo tenants new ${value.slice("tenant-".length)}) or use one of: ${known}`
          : `use one of: ${known}`;
      throw new SiloError("PLAN_STACK_UNKNOWN", `--stack "${value}" is not a stack of this project; ${fix}`);
    }
  }
  // shared first, then tenants in the folder's order, whatever order they were asked in.
  return ["shared", ...tenants.map((tenant) => tenant.id)]
    .filter((id) => names.has(id === "shared" ? id : `tenant-${id}`))
    .map((id) =>
      stackNameOf(
        id === "shared"
          ? { kind: "shared", environmentQualifier }
          : { kind: "tenant", tenantId: id, environmentQualifier },
      ),
    );
}
