import * as aws from "@pulumi/aws";
import { beforeAll, describe, expect, it } from "vitest";
import { taggableAwsTypes, untaggableAwsTypes } from "../../../../policies/rules/tagging/taggableTypes.ts";
import { loadTenantsOrThrow } from "../../../../runtime/core/tenants/loadTenants.ts";
import { recordExampleSilos } from "../../../support/pulumi/recordExampleSilos.ts";

/** Whether the @pulumi/aws class of a type token declares `tagsAll` (what "takes tags" means). */
function sdkTakesTags(type: string): boolean {
  const [, module, className] = /^aws:([a-z0-9]+)\/[a-zA-Z0-9]+:(\w+)$/.exec(type) ?? [];
  const resourceClass = (aws as unknown as Record<string, Record<string, { __pulumiType?: string }>>)[
    module ?? ""
  ]?.[className ?? ""];
  if (resourceClass?.__pulumiType !== type) throw new Error(`no @pulumi/aws class for ${type}`);
  return String(resourceClass).includes('"tagsAll"');
}

let recordedTypes: string[];

beforeAll(async () => {
  const recording = await recordExampleSilos(await loadTenantsOrThrow());
  recordedTypes = [...new Set(recording.resources.map((resource) => resource.type))].filter((type) =>
    type.startsWith("aws:"),
  );
}, 60_000);

describe("taggableAwsTypes", () => {
  it.each([...taggableAwsTypes].map((type) => [type]))("%s takes tags in the SDK", (type) => {
    // Assess
    expect(sdkTakesTags(type)).toBe(true);
  });

  it.each([...untaggableAwsTypes].map((type) => [type]))("%s takes no tags in the SDK", (type) => {
    // Assess
    expect(sdkTakesTags(type)).toBe(false);
  });

  it("classifies every AWS type the tenant silos create (add a new one to taggableTypes.ts)", () => {
    // Act
    const unclassified = recordedTypes.filter(
      (type) => !taggableAwsTypes.has(type) && !untaggableAwsTypes.has(type),
    );

    // Assess
    expect(unclassified).toEqual([]);
  });
});
