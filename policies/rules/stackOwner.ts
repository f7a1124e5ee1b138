import type { ResourceValidationArgs } from "@pulumi/policy";
import { sharedTenantTagValue } from "../../components/common/siloTags.ts";
import { parseStackName } from "../../stacks/parseStackName.ts";
import { siloTenantTag } from "./siloTenantTag.ts";

/**
 * The stack a URN belongs to: `urn:pulumi:<stack>::<project>::<type>::<name>`. Both `pulumi preview
 * --policy-pack` (the analyzer receives each resource's URN) and `silo plan` (runtime/plan/recordStack.ts
 * records the URNs the engine would give) carry the stack name this way, so rules read it here rather than
 * from the environment of whichever process runs them. Undefined for text that is not a Pulumi URN.
 *
 * @example
 * stackOfUrn("urn:pulumi:tenant-globex::silo-kit::aws:iam/role:Role::chat"); // "tenant-globex"
 */
export function stackOfUrn(urn: string): string | undefined {
  const match = /^urn:pulumi:([^:]+)::/.exec(urn);
  return match?.[1];
}

/**
 * Who a stack belongs to by its name, which is the authority the tenant rules read: tenant `<id>` for
 * `tenant-<id>` (qualified or not: `staging.tenant-<id>`), `shared` for the shared stack, `undefined` for any other name (the kit's programs refuse
 * those, stacks/parseStackName.ts; only a test harness or a foreign project names a stack so).
 *
 * @example
 * stackOwner("urn:pulumi:tenant-acme-health::silo-kit::aws:kms/key:Key::key"); // "acme-health"
 * stackOwner("urn:pulumi:shared::silo-kit::aws:kms/key:Key::key"); // "shared"
 */
export function stackOwner(urn: string): string | undefined {
  const stack = stackOfUrn(urn);
  if (stack === undefined) return undefined;
  try {
    const parsed = parseStackName(stack);
    return parsed.kind === "tenant" ? parsed.tenantId : sharedTenantTagValue;
  } catch {
    return undefined;
  }
}

/**
 * The environment qualifier of the stack a URN belongs to (`staging` for `staging.tenant-acme`,
 * stacks/parseStackName.ts), which the stack's physical names carry; undefined for an unqualified stack or a
 * name the kit's programs refuse.
 *
 * @example
 * stackEnvironmentQualifier("urn:pulumi:staging.tenant-acme::silo-kit::aws:kms/key:Key::key"); // "staging"
 */
export function stackEnvironmentQualifier(urn: string): string | undefined {
  const stack = stackOfUrn(urn);
  if (stack === undefined) return undefined;
  try {
    return parseStackName(stack).environmentQualifier;
  } catch {
    return undefined;
  }
}

/**
 * The tenant (or `shared`) a resource belongs to, as the tenant rules judge it: its stack's by name, so a
 * resource tagged `shared` or another tenant's id, or one that cannot carry tags (an inline `RolePolicy`),
 * is still judged as the stack's tenant's. Only in a stack named neither `shared` nor `tenant-<id>` is the
 * `silo:tenant` tag (own or the provider's default) read instead.
 *
 * @example
 * resourceTenant({ urn: "urn:pulumi:tenant-globex::silo-kit::aws:iam/rolePolicy:RolePolicy::p", props: {} }); // "globex"
 */
export function resourceTenant(
  args: Pick<ResourceValidationArgs, "urn" | "props"> & Partial<Pick<ResourceValidationArgs, "provider">>,
): string | undefined {
  return stackOwner(args.urn) ?? siloTenantTag({ props: args.props, provider: args.provider });
}
