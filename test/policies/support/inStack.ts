import type { RecordedResource } from "../../../runtime/plan/pulumiRecording.ts";

const stackOfUrn = /^urn:pulumi:[^:]+::/;

/**
 * Resources recorded in one stack as if another had registered them: every URN they hold (their own,
 * parent, provider references, dependencies) moved to stack `stack`. For recordings that build several
 * tenants' silos in one program, so each tenant's resources can be checked as its own `tenant-<id>` stack.
 *
 * @example
 * inStack(recording.descendantsOf(silo), "tenant-globex")[0]?.urn; // "urn:pulumi:tenant-globex::..."
 */
export function inStack(resources: readonly RecordedResource[], stack: string): RecordedResource[] {
  const move = (urn: string) => urn.replace(stackOfUrn, `urn:pulumi:${stack}::`);
  return resources.map((resource) => ({
    ...resource,
    urn: move(resource.urn),
    parent: resource.parent === undefined ? undefined : move(resource.parent),
    provider: move(resource.provider),
    providers: Object.fromEntries(Object.entries(resource.providers).map(([name, ref]) => [name, move(ref)])),
    dependencies: resource.dependencies.map(move),
    propertyDependencies: Object.fromEntries(
      Object.entries(resource.propertyDependencies).map(([name, urns]) => [name, urns.map(move)]),
    ),
  }));
}
