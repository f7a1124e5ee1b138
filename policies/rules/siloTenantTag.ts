import type { ResourceValidationArgs } from "@pulumi/policy";

/** The tag naming who a resource belongs to: a tenant id, or `shared` for the shared edge. */
export const tenantTagKey = "silo:tenant";

/**
 * The `silo:tenant` tag of a resource: its own tag, else its AWS provider's default tag (the kit tags
 * every stack through the provider). Provider inputs reach the analyzer as JSON text when they are objects.
 * Undefined when neither says.
 */
export function siloTenantTag(args: Pick<ResourceValidationArgs, "props" | "provider">): string | undefined {
  return siloTag(args, tenantTagKey);
}

/**
 * A kit tag of a resource (`silo:tier`, `silo:tenant`, ...): its own tag, else its AWS provider's default
 * tag. Undefined when neither says.
 */
export function siloTag(
  args: Pick<ResourceValidationArgs, "props" | "provider">,
  key: string,
): string | undefined {
  const ownTag = (args.props.tags as Record<string, unknown> | undefined)?.[key];
  if (typeof ownTag === "string") return ownTag;
  let defaultTags: unknown = args.provider?.props.defaultTags;
  if (typeof defaultTags === "string") {
    try {
      defaultTags = JSON.parse(defaultTags);
    } catch {
      return undefined;
    }
  }
  const providerTag = (defaultTags as { tags?: Record<string, unknown> } | undefined)?.tags?.[key];
  return typeof providerTag === "string" ? providerTag : undefined;
}
