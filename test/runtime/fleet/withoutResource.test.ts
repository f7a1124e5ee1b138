import { describe, expect, it } from "vitest";
import { withoutResource } from "../../../runtime/fleet/withoutResource.ts";

const component = "urn:pulumi:tenant-acme::silo-kit::silo:database:PostgresDatabase::acme-db";
const instance =
  "urn:pulumi:tenant-acme::silo-kit::silo:database:PostgresDatabase$aws:rds/instance:Instance::acme-db";
const lambda = "urn:pulumi:tenant-acme::silo-kit::aws:lambda/function:Function::acme-chat";

const deployment = {
  manifest: { time: "2026-12-05T10:00:00Z" },
  resources: [
    { urn: component, type: "silo:database:PostgresDatabase" },
    { urn: instance, type: "aws:rds/instance:Instance", id: "db-OLD", parent: component },
    {
      urn: lambda,
      type: "aws:lambda/function:Function",
      dependencies: [instance, component],
      propertyDependencies: { environment: [instance], role: [] },
    },
  ],
};

describe("withoutResource", () => {
  it("removes the resource and drops the other resources' dependencies on it", () => {
    // Act
    const edited = withoutResource(deployment, instance);

    // Assess
    expect(edited.manifest).toEqual(deployment.manifest);
    expect(edited.resources.map((resource) => (resource as { urn: string }).urn)).toEqual([
      component,
      lambda,
    ]);
    expect(edited.resources[1]).toMatchObject({
      dependencies: [component],
      propertyDependencies: { environment: [], role: [] },
    });
  });

  it("fails with STATE_RESOURCE_NOT_FOUND for a URN the state does not have", () => {
    expect(() => withoutResource(deployment, `${instance}-x`)).toThrow(
      expect.objectContaining({ code: "STATE_RESOURCE_NOT_FOUND" }),
    );
  });

  it("refuses to remove a parent, naming its children", () => {
    expect(() => withoutResource(deployment, component)).toThrow(
      expect.objectContaining({
        code: "STATE_RESOURCE_HAS_CHILDREN",
        message: expect.stringContaining(instance),
      }),
    );
  });
});
