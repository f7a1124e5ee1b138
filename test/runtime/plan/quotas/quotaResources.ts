import type { RecordedResource } from "../../../../runtime/plan/pulumiRecording.ts";

const stackReference =
  "urn:pulumi:tenant-a::silo-kit::pulumi:pulumi:StackReference::organization/silo-kit/shared";

/**
 * A recorded resource for the quota tests: `from` maps an input to the URN its value came from (a resource of
 * the same stack, or `"shared"` for the shared stack's output read through the StackReference).
 */
export function recorded(
  type: string,
  name: string,
  inputs: Record<string, unknown> = {},
  from: Record<string, string> = {},
): RecordedResource {
  return {
    urn: `urn:pulumi:tenant-a::silo-kit::${type}::${name}`,
    type,
    name,
    custom: true,
    parent: undefined,
    provider: "",
    providers: {},
    dependencies: [],
    propertyDependencies: Object.fromEntries(
      Object.keys(inputs).map((key) => {
        const source = from[key];
        return [key, source === undefined ? [] : [source === "shared" ? stackReference : source]];
      }),
    ),
    inputs,
    state: {},
  };
}
