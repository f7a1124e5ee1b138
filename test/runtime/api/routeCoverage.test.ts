import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { groupOperations } from "../../../runtime/api/groupOperations.ts";
import { routes } from "../../../runtime/api/routes.ts";

const apiTests = fileURLToPath(new URL(".", import.meta.url));

async function testSources(): Promise<string> {
  const files = (await readdir(apiTests, { recursive: true })).filter((file) => file.endsWith(".test.ts"));
  const texts = await Promise.all(files.map((file) => readFile(join(apiTests, file), "utf8")));
  return texts.join("\n");
}

describe("route coverage", () => {
  it("serves every route of the table in its own handler group, and nowhere else", () => {
    for (const route of routes) {
      for (const [group, operations] of Object.entries(groupOperations)) {
        expect({
          route: route.routeKey,
          group,
          served: Object.hasOwn(operations, route.operationId),
        }).toEqual({
          route: route.routeKey,
          group,
          served: group === route.group,
        });
      }
    }
  });

  it("has no operation that is not a route of its group", () => {
    for (const [group, operations] of Object.entries(groupOperations)) {
      const routeIds = routes.filter((route) => route.group === group).map((route) => route.operationId);
      expect({ group, extra: Object.keys(operations).filter((id) => !routeIds.includes(id)) }).toEqual({
        group,
        extra: [],
      });
    }
  });

  it("calls every route from at least one handler test", async () => {
    const sources = await testSources();

    const untested = routes
      .filter((route) => !sources.includes(`"${route.routeKey}"`))
      .map((route) => route.routeKey);

    expect(untested).toEqual([]);
  });
});
