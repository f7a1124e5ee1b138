import * as aws from "@pulumi/aws";
import type { PolicyResource } from "@pulumi/policy";
import { previewValue } from "../previewValue.ts";
import { referencedResources } from "../referencedResources.ts";

/** An alias a stack creates, and the key of the same stack it targets (undefined when none of them). */
export interface StackAlias {
  readonly alias: PolicyResource;
  readonly key: PolicyResource | undefined;
  /** Its `targetKeyId` as the message shows it; undefined while unknown. */
  readonly targetKeyId: string | undefined;
}

/** The KMS keys a stack creates for one owner, and the aliases of the stack with what they target. */
export interface StackKeys {
  readonly keys: readonly PolicyResource[];
  readonly aliases: readonly StackAlias[];
}

/** A resource's known, non-empty string properties among `properties`. */
export function knownStrings(resource: PolicyResource, properties: readonly string[]): string[] {
  return properties.flatMap((property) => {
    const read = previewValue(() => resource.props[property]);
    return read.known && typeof read.value === "string" && read.value !== "" ? [read.value] : [];
  });
}

/** What a key input may equal to name a key: its ARN, key id or id, once known. */
export function keyIdentifiers(key: PolicyResource): string[] {
  return knownStrings(key, ["arn", "keyId", "id"]);
}

/** What a key input may equal to name an alias: its name (`alias/silo/acme`) or ARN, once known. */
export function aliasIdentifiers(alias: PolicyResource): string[] {
  return knownStrings(alias, ["name", "arn"]);
}

/**
 * The key of `keys` an alias targets: its `targetKeyId` computed from one of them (unknown during a preview
 * of a new key), or equal to one's key id or ARN once known.
 */
function targetOf(alias: PolicyResource, keys: readonly PolicyResource[]): PolicyResource | undefined {
  const referenced = referencedResources(alias, "targetKeyId");
  const byReference = keys.find((key) => referenced.includes(key));
  if (byReference !== undefined) return byReference;
  const [target] = knownStrings(alias, ["targetKeyId"]);
  return target === undefined ? undefined : keys.find((key) => keyIdentifiers(key).includes(target));
}

/**
 * The KMS keys of a stack that belong to `isOwn`'s owner (the stack's tenant), and every alias the stack
 * creates with the own key it targets, if any.
 *
 * @example
 * stackKeys(args.resources, (resource) => resourceTenant(resource) === "globex").keys.map((key) => key.name);
 * // ["globex-key-key"]
 */
export function stackKeys(
  resources: readonly PolicyResource[],
  isOwn: (resource: PolicyResource) => boolean,
): StackKeys {
  const keys = resources.filter((resource) => resource.isType(aws.kms.Key) && isOwn(resource));
  const aliases = resources
    .filter((resource) => resource.isType(aws.kms.Alias))
    .map((alias) => ({
      alias,
      key: isOwn(alias) ? targetOf(alias, keys) : undefined,
      targetKeyId: knownStrings(alias, ["targetKeyId"])[0],
    }));
  return { keys, aliases };
}
