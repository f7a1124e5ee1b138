import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { LambdaCode } from "../components/functions/lambdaCode.ts";
import { type BuiltBundle, bundleLambda, repositoryRoot } from "../runtime/build/bundleLambda.ts";
import { type LambdaBundleSpec, lambdaBundles } from "../runtime/build/lambdaBundles.ts";
import { SiloError } from "../runtime/core/errors/siloError.ts";
import type { LambdaCodeMode } from "./readStackConfig.ts";

/** Options of {@link prepareLambdaCode}. */
export interface PrepareLambdaCodeOptions {
  /** `build` bundles now; `prebuilt` uses what `npm run build` left in `outDir`. */
  readonly mode: LambdaCodeMode;
  /** @default `dist/lambda` in the repository */
  readonly outDir?: string;
  /** @default the kit's esbuild bundler */
  readonly bundle?: (spec: LambdaBundleSpec, outDir: string) => Promise<Pick<BuiltBundle, "file">>;
}

/**
 * The Lambda bundles a stack deploys, keyed as the caller names them. In `build` mode (the default) each is
 * bundled from the working tree with the kit's esbuild builder (about 3 s for a stack), so `pulumi up`
 * always ships the code it was run from; in `prebuilt` mode the bundles `npm run build` wrote are used as
 * they are (for CI that builds once and deploys many stacks), and a missing one is an error.
 *
 * @example
 * const code = await prepareLambdaCode({ chat: bundleSpec("chat") }, { mode: "build" });
 */
export async function prepareLambdaCode<Name extends string>(
  specs: Readonly<Record<Name, LambdaBundleSpec>>,
  options: PrepareLambdaCodeOptions,
): Promise<Record<Name, LambdaCode>> {
  const outDir = options.outDir ?? join(repositoryRoot, "dist", "lambda");
  const bundle = options.bundle ?? bundleLambda;
  const entries = await Promise.all(
    (Object.entries(specs) as Array<[Name, LambdaBundleSpec]>).map(async ([name, spec]) => {
      const file =
        options.mode === "build" ? (await bundle(spec, outDir)).file : join(outDir, spec.name, "index.mjs");
      let content: Buffer;
      try {
        content = await readFile(file);
      } catch (error) {
        throw new SiloError(
          "LAMBDA_BUNDLE_MISSING",
          `the ${spec.name} bundle is missing at ${relative(process.cwd(), file) || file}; run npm run build, ` +
            "or let the stack build it: pulumi config set silo:lambdaCode build",
          { cause: error },
        );
      }
      return [name, { file, sha256: createHash("sha256").update(content).digest("hex") }] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<Name, LambdaCode>;
}

/**
 * A bundle of the kit's build list (runtime/build/lambdaBundles.ts) by name.
 *
 * @example
 * bundleSpec("authorizer").entry; // "runtime/authorizer/handler.ts"
 */
export function bundleSpec(name: string): LambdaBundleSpec {
  const spec = lambdaBundles.find((candidate) => candidate.name === name);
  if (spec === undefined) {
    throw new SiloError(
      "LAMBDA_BUNDLE_UNKNOWN",
      `no Lambda bundle named ${name} in runtime/build/lambdaBundles.ts; known: ${lambdaBundles.map((candidate) => candidate.name).join(", ")}`,
    );
  }
  return spec;
}
