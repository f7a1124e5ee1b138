import { fileURLToPath } from "node:url";
import { cruise, type ICruiseResult } from "dependency-cruiser";
import { beforeAll, describe, expect, it } from "vitest";

// The import graph of the source tree, read by dependency-cruiser (the maintained tool for this) rather
// than by regular expressions over import lines, so type-only imports, re-exports and `import()` count too.

const root = fileURLToPath(new URL("../..", import.meta.url));

/** The source tree the graph covers: every folder of code that ships or deploys. */
const sourceFolders = ["components", "stacks", "policies", "runtime", "tenants"];

/**
 * What `runtime/core` (the domain) may never import: every layer above it. The core owns its errors and
 * constants; the API maps them to HTTP, the CLI and the local platform call the core, never the reverse.
 */
const aboveCore = /^(runtime\/(?!core\/)[^/]+\/|components\/|stacks\/|policies\/|test\/)/;

/**
 * Import cycles known today, each as the sorted list of files in it. This list must only shrink: a fix
 * removes its entry (the test fails while a listed cycle no longer exists), a new cycle is never added.
 */
const knownCycles: readonly (readonly string[])[] = [
  // Empty: the last one, runtime/cli/commands plan.ts <-> runPlan.ts, was broken by planOptions.ts.
];

let graph: ICruiseResult;

beforeAll(async () => {
  const result = await cruise(sourceFolders, {
    baseDir: root,
    tsPreCompilationDeps: true,
    tsConfig: { fileName: `${root}tsconfig.json` },
    doNotFollow: { path: "node_modules" },
    exclude: { path: "node_modules" },
  });
  graph = result.output as ICruiseResult;
}, 60_000);

/** Every cycle in the graph, each as the sorted, de-duplicated list of the files in it. */
function cyclesOf(result: ICruiseResult): string[][] {
  const cycles = new Map<string, string[]>();
  for (const module of result.modules) {
    for (const dependency of module.dependencies) {
      if (!dependency.circular || !dependency.cycle) continue;
      const files = [...new Set([module.source, ...dependency.cycle.map((step) => step.name)])].sort();
      cycles.set(files.join(" "), files);
    }
  }
  return [...cycles.values()].sort((a, b) => a.join(" ").localeCompare(b.join(" ")));
}

describe("the import graph", () => {
  it("covers the source tree", () => {
    const sources = graph.modules.map((module) => module.source);

    expect(sources).toContain("runtime/core/errors/siloError.ts");
    expect(sources).toContain("runtime/api/problemFromError.ts");
    expect(sources).toContain("components/index.ts");
  });

  it("has runtime/core import nothing above it", () => {
    const upward = graph.modules
      .filter((module) => module.source.startsWith("runtime/core/"))
      .flatMap((module) =>
        module.dependencies
          .filter((dependency) => aboveCore.test(dependency.resolved))
          .map((dependency) => `${module.source} -> ${dependency.resolved}`),
      );

    expect(upward).toEqual([]);
  });

  it("has no import cycle but the known ones, which must only shrink", () => {
    const known = knownCycles.map((files) => [...files].sort().join(" "));

    const found = cyclesOf(graph).map((files) => files.join(" "));

    expect(found.filter((cycle) => !known.includes(cycle))).toEqual([]);
    expect(known.filter((cycle) => !found.includes(cycle))).toEqual([]);
  });

  it("has the tenant handler Lambdas load no AWS SDK at cold start: each is imported on first use", async () => {
    // Prepare: the handler entries' graph with the packages they import (not followed into), and the
    // modules each entry reaches through imports that run at load time (not type-only, not `import()`).
    const entries = [
      "runtime/api/handlers/chatHandler.ts",
      "runtime/api/handlers/dataHandler.ts",
      "runtime/api/handlers/adminHandler.ts",
    ];
    const withPackages = (
      await cruise(entries, {
        baseDir: root,
        tsPreCompilationDeps: true,
        tsConfig: { fileName: `${root}tsconfig.json` },
        doNotFollow: { path: "node_modules" },
      })
    ).output as ICruiseResult;
    const byName = new Map(withPackages.modules.map((module) => [module.source, module]));

    // Act
    const loadedAtStart = new Set<string>();
    const sdkImports = new Set<string>();
    const pending = [...entries];
    while (pending.length > 0) {
      const source = pending.pop() as string;
      if (loadedAtStart.has(source)) continue;
      loadedAtStart.add(source);
      for (const dependency of byName.get(source)?.dependencies ?? []) {
        const types = dependency.dependencyTypes as readonly string[];
        if (types.includes("type-only") || types.includes("dynamic-import")) continue;
        if (dependency.module.startsWith("@aws-sdk/")) sdkImports.add(`${source} -> ${dependency.module}`);
        else if (!dependency.resolved.includes("node_modules")) pending.push(dependency.resolved);
      }
    }

    // Assess: loading the S3 SDK alone took a third of these bundles' cold load (about 60 ms of 180)
    expect(loadedAtStart.size).toBeGreaterThan(50);
    expect([...sdkImports]).toEqual([]);
  }, 60_000);
});
