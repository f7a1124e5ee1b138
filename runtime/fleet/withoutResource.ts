import { SiloError } from "../core/errors/siloError.ts";

/** The parts of a stack's exported state (`pulumi stack export`) that {@link withoutResource} edits. */
interface ResourceEntry {
  readonly urn: string;
  readonly parent?: string;
  readonly dependencies?: readonly string[];
  readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
  readonly deletedWith?: string;
  readonly [key: string]: unknown;
}

/**
 * The exported state `deployment` (the `deployment` field of `pulumi stack export`) with the resource `urn`
 * removed, as `pulumi state delete --force` removes it: other resources' dependencies on it are dropped, so
 * the state stays consistent for `pulumi stack import`; the next `pulumi up` records them again. A resource
 * that is another's parent cannot be removed (its children would be orphaned): that is an error naming them.
 *
 * @example
 * const edited = withoutResource(exported.deployment, "urn:pulumi:tenant-acme::silo-kit::...::silo-acme-db");
 */
export function withoutResource<Deployment extends { resources?: readonly unknown[] }>(
  deployment: Deployment,
  urn: string,
): Deployment {
  const resources = (deployment.resources ?? []) as readonly ResourceEntry[];
  if (!resources.some((resource) => resource.urn === urn)) {
    throw new SiloError(
      "STATE_RESOURCE_NOT_FOUND",
      `the stack's state has no resource ${urn}; check pulumi stack --show-urns`,
    );
  }
  const children = resources.filter((resource) => resource.parent === urn).map((resource) => resource.urn);
  if (children.length > 0) {
    throw new SiloError(
      "STATE_RESOURCE_HAS_CHILDREN",
      `${urn} is the parent of ${children.join(", ")}; remove or re-parent them first`,
    );
  }
  const kept = resources
    .filter((resource) => resource.urn !== urn)
    .map((resource) => {
      const edited: Record<string, unknown> = { ...resource };
      if (resource.dependencies)
        edited.dependencies = resource.dependencies.filter((dependency) => dependency !== urn);
      if (resource.propertyDependencies) {
        edited.propertyDependencies = Object.fromEntries(
          Object.entries(resource.propertyDependencies).map(([property, urns]) => [
            property,
            urns.filter((dependency) => dependency !== urn),
          ]),
        );
      }
      if (resource.deletedWith === urn) delete edited.deletedWith;
      return edited;
    });
  return { ...deployment, resources: kept };
}
