import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readStackFileConfig } from "../../../runtime/plan/readStackFileConfig.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "silo-stackfile-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("readStackFileConfig", () => {
  it("reads plain values, hides secure ones and prints structured ones as JSON", async () => {
    // Prepare
    await writeFile(
      join(dir, "Pulumi.shared.yaml"),
      "config:\n  aws:region: eu-west-1\n  silo:ledgerMultiAz: true\n  silo:token:\n    secure: AAABAxyz\n  silo:list: [1, 2]\n",
    );

    // Act
    const config = await readStackFileConfig(dir, "shared");

    // Assess
    expect(config).toEqual({
      "aws:region": "eu-west-1",
      "silo:ledgerMultiAz": "true",
      "silo:token": "[secret]",
      "silo:list": "[1,2]",
    });
  });

  it("answers undefined for a stack without a file", async () => {
    expect(await readStackFileConfig(dir, "tenant-globex")).toBeUndefined();
  });

  it("names the file when it is not YAML", async () => {
    await writeFile(join(dir, "Pulumi.shared.yaml"), "config: [unclosed\n");

    await expect(readStackFileConfig(dir, "shared")).rejects.toThrow(
      expect.objectContaining({
        code: "PLAN_CONFIG_INVALID",
        message: expect.stringContaining("Pulumi.shared.yaml is not valid YAML"),
      }),
    );
  });
});
