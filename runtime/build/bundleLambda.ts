import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { SiloError } from "../core/errors/siloError.ts";
import type { LambdaBundleSpec } from "./lambdaBundles.ts";

/** The repository root, where bundle entries are resolved. */
export const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));

/** A built bundle. */
export interface BuiltBundle {
  readonly name: string;
  /** Absolute path of `index.mjs`. */
  readonly file: string;
  readonly bytes: number;
  readonly maxBytes: number;
}

/**
 * Bundles one Lambda with esbuild for the `nodejs22.x` runtime: one minified ES module, `index.mjs`, that
 * exports `handler`. The AWS SDK v3 is left out (the runtime provides it, and the authorizer uses none), and
 * so are Node built-ins. Fails when the bundle exceeds its size budget, so a dependency that bloats the edge
 * is caught at build time.
 *
 * @example
 * const built = await bundleLambda(lambdaBundles[0], "dist/lambda");
 */
export async function bundleLambda(spec: LambdaBundleSpec, outDir: string): Promise<BuiltBundle> {
  const directory = join(outDir, spec.name);
  await mkdir(directory, { recursive: true });
  const file = join(directory, "index.mjs");
  const result = await build({
    entryPoints: [join(repositoryRoot, spec.entry)],
    bundle: true,
    minify: true,
    platform: "node",
    target: "node22",
    format: "esm",
    outfile: file,
    external: ["@aws-sdk/*"],
    legalComments: "none",
    metafile: true,
    logLevel: "silent",
    // ES modules bundled for Node have no require(); some CommonJS dependencies still call it.
    banner: {
      js: 'import{createRequire as __silo_cr}from"node:module";const require=__silo_cr(import.meta.url);',
    },
  });
  await writeFile(join(directory, "meta.json"), JSON.stringify(result.metafile));
  const bytes = result.metafile.outputs[Object.keys(result.metafile.outputs)[0] ?? ""]?.bytes ?? 0;
  if (bytes > spec.maxBytes) {
    throw new SiloError(
      "BUNDLE_TOO_LARGE",
      `the ${spec.name} bundle is ${(bytes / 1024).toFixed(1)} KB, over its ${(spec.maxBytes / 1024).toFixed(0)} KB budget; ` +
        `inspect ${join(directory, "meta.json")} (e.g. with esbuild's analyzer) for what grew`,
    );
  }
  return { name: spec.name, file, bytes, maxBytes: spec.maxBytes };
}
