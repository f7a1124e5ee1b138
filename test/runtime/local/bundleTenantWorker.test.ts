import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { bundleTenantWorker } from "../../../runtime/local/bundleTenantWorker.ts";

describe("bundleTenantWorker", () => {
  it("writes one ES module beside the repository's packages, importing nothing relative", async () => {
    // Act
    const launch = await bundleTenantWorker();
    const text = await readFile(launch.workerScript, "utf8");

    // Assess: from node_modules/.cache, a relative import would not resolve; packages do
    expect(launch.workerScript).toMatch(/node_modules\/\.cache\/silo-kit\/tenant-worker-[0-9a-f]{16}\.mjs$/);
    expect(launch.execArgv).toEqual(["--enable-source-maps"]);
    expect(text).not.toMatch(/\bfrom\s+["']\.{1,2}\//);
    expect(text).toMatch(/\bfrom\s+["']pg["']/);
    expect(text).toContain("sourceMappingURL=data:application/json");
  });
});
