import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { indexedRunbooks, runbookSteps } from "./support/runbookSteps.ts";

const runbooksDir = fileURLToPath(new URL("../../docs/runbooks/", import.meta.url));

describe("docs/runbooks index", () => {
  it("indexes every runbook, and each has blocks the rehearsal runs (npm run test:runbooks)", async () => {
    // Prepare
    const index = await readFile(join(runbooksDir, "README.md"), "utf8");
    const files = (await readdir(runbooksDir)).filter((file) => file.endsWith(".md") && file !== "README.md");

    // Act
    const runbooks = await Promise.all(
      indexedRunbooks(index).map(async (file) => ({
        file,
        blocks: runbookSteps(await readFile(join(runbooksDir, file), "utf8")).filter(
          (step) => step.kind === "block",
        ).length,
      })),
    );

    // Assess
    expect(runbooks.map((runbook) => runbook.file).sort()).toEqual(files.sort());
    for (const runbook of runbooks)
      expect({ ...runbook, blocks: runbook.blocks > 0 }).toEqual({ ...runbook, blocks: true });
  });
});
