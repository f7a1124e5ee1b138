import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { policyCatalogue } from "../../../../policies/catalogue.ts";
import { loadPolicyProfile } from "../../../../policies/profiles/loadPolicyProfile.ts";
import { allRules } from "../../../../policies/rules/allRules.ts";
import { runSilo } from "../captureContext.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "silo-policy-docs-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("silo policy docs", () => {
  it("writes the catalogue of every rule to --out", async () => {
    // Prepare
    const out = join(dir, "policies.md");

    // Act
    const result = await runSilo("policy", "docs", "--out", out);

    // Assess
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(`wrote ${out} (${allRules.length} rules)\n`);
    const profiles = {
      baseline: await loadPolicyProfile("baseline"),
      regulated: await loadPolicyProfile("regulated"),
    };
    expect(await readFile(out, "utf8")).toBe(policyCatalogue(allRules, profiles));
  });

  it("with --check, passes on the repository's docs/policies.md", async () => {
    const result = await runSilo("policy", "docs", "--check");

    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
  });

  it("with --check, exits 1 on a stale catalogue and leaves it as it was", async () => {
    // Prepare
    const out = join(dir, "policies.md");
    await writeFile(out, "# stale\n");

    // Act
    const result = await runSilo("policy", "docs", "--check", "--out", out);

    // Assess
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(`${out} is stale: regenerate it with: silo policy docs\n`);
    expect(await readFile(out, "utf8")).toBe("# stale\n");
  });
});
