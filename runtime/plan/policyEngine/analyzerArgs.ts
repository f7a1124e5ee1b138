import type {
  PolicyProviderResource,
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidationArgs,
} from "@pulumi/policy";
import type { PolicyEngineResource } from "./policyEngineTypes.ts";

/** Thrown by `args.notApplicable()`, as in @pulumi/policy's server.js. */
export class NotApplicableError extends Error {
  constructor(readonly reason: string | undefined) {
    super(reason ?? "Policy does not apply");
  }
}

function throwNotApplicable(reason?: string): never {
  throw new NotApplicableError(reason);
}

/** `isType` of server.js: the class's `__pulumiType`, else its `isInstance`. */
export function isTypeOf(type: string, resourceClass: unknown): boolean {
  const pulumiType = (resourceClass as { __pulumiType?: unknown }).__pulumiType;
  if (typeof pulumiType === "string") return pulumiType === type;
  const isInstance = (resourceClass as { isInstance?: unknown }).isInstance;
  return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

function resourceOptions(resource: PolicyEngineResource): PolicyResourceOptions {
  return {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
    ...(resource.parent === undefined ? {} : { parent: resource.parent }),
  };
}

/**
 * The provider the analyzer passes with a resource: the provider resource its reference (`urn::id`) names,
 * with its inputs. Undefined for the default provider, which the recording does not hold.
 */
export function providerOf(
  resource: PolicyEngineResource,
  byUrn: ReadonlyMap<string, PolicyEngineResource>,
): PolicyProviderResource | undefined {
  if (resource.provider === "") return undefined;
  const provider = byUrn.get(resource.provider.split("::").slice(0, -1).join("::"));
  if (provider === undefined) return undefined;
  return { type: provider.type, props: { ...provider.inputs }, urn: provider.urn, name: provider.name };
}

/** The `args` of a resource validation, shaped as server.js builds them from an Analyze request (inputs). */
export function resourceValidationArgs(
  resource: PolicyEngineResource,
  provider: PolicyProviderResource | undefined,
  config: Readonly<Record<string, unknown>>,
  stackTags: ReadonlyMap<string, string>,
): ResourceValidationArgs {
  const props: Record<string, unknown> = { ...resource.inputs };
  return {
    type: resource.type,
    props,
    urn: resource.urn,
    name: resource.name,
    opts: resourceOptions(resource),
    stackTags,
    isType: (resourceClass) => isTypeOf(resource.type, resourceClass),
    asType: ((resourceClass: unknown) =>
      isTypeOf(resource.type, resourceClass) ? props : undefined) as never,
    getConfig: <T extends object>() => ({ ...config }) as T,
    notApplicable: throwNotApplicable,
    ...(provider === undefined ? {} : { provider }),
  };
}

/**
 * The stack's resources as server.js hands them to a stack validation (from an AnalyzeStack request): outputs
 * as `props`, `parent`, `dependencies` and `propertyDependencies` linked to the resource objects.
 */
export function policyResources(
  resources: readonly PolicyEngineResource[],
  byUrn: ReadonlyMap<string, PolicyEngineResource>,
): PolicyResource[] {
  const linked = new Map<string, PolicyResource>();
  for (const resource of resources) {
    const props: Record<string, unknown> = { ...resource.state };
    const provider = providerOf(resource, byUrn);
    linked.set(resource.urn, {
      type: resource.type,
      props,
      urn: resource.urn,
      name: resource.name,
      opts: resourceOptions(resource),
      dependencies: [],
      propertyDependencies: {},
      isType: (resourceClass) => isTypeOf(resource.type, resourceClass),
      asType: ((resourceClass: unknown) =>
        isTypeOf(resource.type, resourceClass) ? props : undefined) as never,
      ...(provider === undefined ? {} : { provider }),
    });
  }
  const find = (urns: readonly string[]) =>
    urns.flatMap((urn) => {
      const found = linked.get(urn);
      return found === undefined ? [] : [found];
    });
  for (const resource of resources) {
    const policyResource = linked.get(resource.urn);
    if (policyResource === undefined) continue;
    const parent = resource.parent === undefined ? undefined : linked.get(resource.parent);
    if (parent !== undefined) policyResource.parent = parent;
    policyResource.dependencies = find(resource.dependencies);
    for (const [property, urns] of Object.entries(resource.propertyDependencies ?? {})) {
      policyResource.propertyDependencies[property] = find(urns);
    }
  }
  return [...linked.values()];
}
