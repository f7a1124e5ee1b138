import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { apiRoutes } from "../../../runtime/api/apiRoutes.ts";
import { renderRouteTable } from "../../../runtime/api/renderRouteTable.ts";

describe("the generated route table, runtime/api/routes.ts", () => {
  it("is what the route definitions generate; regenerate it with npx tsx runtime/api/writeRouteTable.ts", async () => {
    // Prepare
    const committed = await readFile(new URL("../../../runtime/api/routes.ts", import.meta.url), "utf8");

    // Act
    const generated = renderRouteTable(apiRoutes);

    // Assess
    expect(committed).toBe(generated);
  });
});
