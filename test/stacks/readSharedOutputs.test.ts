import { describe, expect, it } from "vitest";
import { parseSharedOutputs, sharedOutputNames } from "../../stacks/readSharedOutputs.ts";
import { sharedOutputsFixture } from "../support/pulumi/sharedOutputsFixture.ts";

describe("parseSharedOutputs", () => {
  it("accepts a deployed shared stack's outputs", () => {
    // Act
    const outputs = parseSharedOutputs({ ...sharedOutputsFixture }, "org/silo-kit/shared");

    // Assess
    expect(outputs).toEqual(sharedOutputsFixture);
    expect([...sharedOutputNames].sort()).toEqual(Object.keys(sharedOutputsFixture).sort());
  });

  it("names each missing or malformed output and says to deploy the shared stack first", () => {
    // Prepare
    const { ledgerAddress: _missing, ...rest } = sharedOutputsFixture;

    // Act
    const parse = () => parseSharedOutputs({ ...rest, ledgerPort: "5432" }, "org/silo-kit/shared");

    // Assess
    expect(parse).toThrow(expect.objectContaining({ code: "SHARED_STACK_OUTPUTS_INVALID" }));
    expect(parse).toThrow(/- output ledgerAddress is missing\n- output ledgerPort is invalid/);
    expect(parse).toThrow(/pulumi up --stack shared/);
  });
});
