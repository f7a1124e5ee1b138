import type { PolicyResource } from "@pulumi/policy";
import type { SiloStackPolicy } from "../siloPolicy.ts";
import { siloTenantTag, tenantTagKey } from "../siloTenantTag.ts";
import { stackOfUrn, stackOwner } from "../stackOwner.ts";
import { taggableAwsTypes } from "./taggableTypes.ts";

/** AWS resources that take tags: listed types, and any whose outputs carry tags (`tagsAll` in a real stack). */
function isTaggable(resource: PolicyResource): boolean {
  return (
    resource.type.startsWith("aws:") &&
    (taggableAwsTypes.has(resource.type) || "tags" in resource.props || "tagsAll" in resource.props)
  );
}

/** The value most resources carry; the first seen wins a tie. */
function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | undefined;
  for (const [value, count] of counts)
    if (best === undefined || count > (counts.get(best) ?? 0)) best = value;
  return best;
}

/**
 * A stack is one tenant's silo (or the shared edge), and every resource says so: cost allocation, access
 * reviews and the tenant-scoped rules of this pack read `silo:tenant`. Each taggable resource carries it
 * (its own tag or its AWS provider's `defaultTags`, siloTenantTag.ts), and the value is the stack's owner by
 * name (`tenant-<id>` or `shared`, stackOwner.ts): a tag that disagrees with the stack name is a violation,
 * since the tenant rules judge by the name. In a stack named otherwise, all carry the same value.
 *
 * Severity: medium. Controls: NIST 800-53 CM-8, AC-16 (no FSBP control).
 * @see https://docs.aws.amazon.com/whitepapers/latest/tagging-best-practices/what-are-tags.html
 */
export const resourcesTenantTag: SiloStackPolicy = {
  kind: "stack",
  name: "silo-tagging-resources-tenant-tag",
  description: `Every taggable AWS resource of a stack must carry the \`${tenantTagKey}\` tag, with the value its stack name says (\`tenant-<id>\`: the id; \`shared\`: shared).`,
  enforcementLevel: "mandatory",
  severity: "medium",
  tags: ["nist:CM-8", "nist:AC-16"],
  url: "https://docs.aws.amazon.com/whitepapers/latest/tagging-best-practices/what-are-tags.html",
  mutations: [
    {
      type: "aws:kms/key:Key",
      change: "silo:tenant tagged as another tenant",
      mutate: (inputs, context) => ({
        ...inputs,
        tags: { ...(inputs.tags as object | undefined), "silo:tenant": context.otherTenantId },
      }),
    },
    {
      type: "aws:kms/key:Key",
      change: "silo:tenant tagged shared in a tenant stack",
      mutate: (inputs, context) =>
        context.tenantId === "shared"
          ? undefined
          : { ...inputs, tags: { ...(inputs.tags as object | undefined), "silo:tenant": "shared" } },
    },
  ],
  validateStack: (args, reportViolation) => {
    const taggable = args.resources.filter(isTaggable);
    if (taggable.length === 0) args.notApplicable("no taggable AWS resource in the stack");
    const tagged = taggable.map((resource) => ({ resource, tenant: siloTenantTag(resource) }));
    const mostTagged = mostCommon(tagged.flatMap(({ tenant }) => (tenant === undefined ? [] : [tenant])));
    for (const { resource, tenant } of tagged) {
      const owner = stackOwner(resource.urn);
      if (tenant === undefined) {
        reportViolation(
          `${resource.type} ${resource.name} has no ${tenantTagKey} tag (own tags or its provider's defaultTags); create it with the stack's AWS provider, whose defaultTags carry ${tenantTagKey}.`,
          resource.urn,
        );
      } else if (owner !== undefined && tenant !== owner) {
        reportViolation(
          `${resource.type} ${resource.name} has ${tenantTagKey} ${JSON.stringify(tenant)}, but it is in stack ${stackOfUrn(resource.urn)}, whose resources are ${JSON.stringify(owner)}'s; the stack name decides, so tag it ${JSON.stringify(owner)} (the stack's AWS provider defaultTags) or move it to its tenant's stack.`,
          resource.urn,
        );
      } else if (owner === undefined && tenant !== mostTagged) {
        reportViolation(
          `${resource.type} ${resource.name} has ${tenantTagKey} ${JSON.stringify(tenant)}, but the stack's other resources have ${JSON.stringify(mostTagged)}; a stack holds one tenant's resources, so tag it ${JSON.stringify(mostTagged)} or move it to its tenant's stack.`,
          resource.urn,
        );
      }
    }
  },
};
