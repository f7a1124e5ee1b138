import type { PolicyResource } from "@pulumi/policy";
import { foreignTenantReach } from "../../analysis/foreignTenantResources.ts";
import { referencedResources } from "../referencedResources.ts";
import { kmsKeyChoice } from "./customerManagedKey.ts";
import type { DataKeyInput } from "./dataKeyInputs.ts";
import { aliasIdentifiers, keyIdentifiers, type StackAlias, type StackKeys } from "./stackKeys.ts";

/** The type token of a stack reference: a value read from it comes from another stack. */
const stackReferenceType = "pulumi:pulumi:StackReference";

/** The shared stack's platform key by alias, qualified or not (components/common/resourceNames.ts). */
const sharedKeyAlias = /(?:^|:)alias\/(?:[a-z][a-z0-9]{1,9}\/)?silo\/shared$/;

/**
 * What a KMS key input of a tenant's resource names:
 * - `own`: a key of the stack's tenant created in the stack, by reference or by its ARN, key id, or an alias
 *   of the stack that targets it;
 * - `unjudged`: no customer managed key (unset, or AWS managed), which the customer-managed-key rules report;
 * - `alias-of-other-key`: an alias of the stack that targets no key of the stack's tenant;
 * - `not-in-stack`: a known value that is no key or alias of the stack (a bare key id, an ARN, another
 *   tenant's alias), with the other tenants it names and the stack references it was read from;
 * - `computed-elsewhere`: unknown during a preview, and computed from no key or alias of the stack.
 */
export type DataKeyVerdict =
  | { readonly kind: "own" }
  | { readonly kind: "unjudged" }
  | { readonly kind: "alias-of-other-key"; readonly alias: StackAlias }
  | {
      readonly kind: "not-in-stack";
      readonly value: string;
      readonly tenants: readonly string[];
      readonly sharedKey: boolean;
      readonly stackReferences: readonly PolicyResource[];
    }
  | { readonly kind: "computed-elsewhere"; readonly sources: readonly PolicyResource[] };

/**
 * Judges one KMS key input of a resource in tenant `tenant`'s stack against the keys the stack creates. A
 * known value is judged by what it equals, even when it was computed from the stack's key (a transformation
 * may replace it); an unknown one (a preview, before the key exists) by the resources it was computed from.
 *
 * @example
 * dataKeyVerdict(input, stackKeys(resources, isGlobex), "globex"); // { kind: "own" }
 */
export function dataKeyVerdict(input: DataKeyInput, keys: StackKeys, tenant: string): DataKeyVerdict {
  const references = referencedResources(input.resource, input.property);
  if (!input.value.known) {
    if (keys.keys.some((key) => references.includes(key))) return { kind: "own" };
    const alias = keys.aliases.find((candidate) => references.includes(candidate.alias));
    if (alias !== undefined)
      return alias.key === undefined ? { kind: "alias-of-other-key", alias } : { kind: "own" };
    return { kind: "computed-elsewhere", sources: references };
  }
  const value = String(input.value.value);
  if (kmsKeyChoice(value) !== "customer-managed") return { kind: "unjudged" };
  if (keys.keys.some((key) => keyIdentifiers(key).includes(value))) return { kind: "own" };
  const alias = keys.aliases.find((candidate) => aliasIdentifiers(candidate.alias).includes(value));
  if (alias !== undefined)
    return alias.key === undefined ? { kind: "alias-of-other-key", alias } : { kind: "own" };
  const reach = foreignTenantReach(value, tenant);
  return {
    kind: "not-in-stack",
    value,
    tenants: reach?.reason === "names" ? reach.tenants : [],
    sharedKey: sharedKeyAlias.test(value),
    stackReferences: references.filter((resource) => resource.type === stackReferenceType),
  };
}
