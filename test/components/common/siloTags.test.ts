import { describe, expect, it } from "vitest";
import { sharedTags, tenantTags } from "../../../components/common/siloTags.ts";
import { testTenant } from "../support.ts";

describe("tenantTags", () => {
  it("tags a tenant's resources with the tenant, the kit and the data classification", () => {
    // Act
    const tags = tenantTags(testTenant({ id: "globex", dataClassification: "restricted" }));

    // Assess
    expect(tags).toMatchObject({
      "silo:tenant": "globex",
      "silo:kit": "silo-kit",
      "silo:data-classification": "restricted",
    });
  });
});

describe("sharedTags", () => {
  it("marks shared resources as the shared edge's, never a tenant's", () => {
    // Act
    const tags = sharedTags();

    // Assess
    expect(tags["silo:tenant"]).toBe("shared");
    expect(tags["silo:kit"]).toBe("silo-kit");
  });
});
