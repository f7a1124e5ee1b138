import { join } from "node:path";
import { bundleLambda, repositoryRoot } from "../build/bundleLambda.ts";
import { lambdaBundles } from "../build/lambdaBundles.ts";

/**
 * Bundles every Lambda of the kit into `dist/lambda` once, as `npm run build` does, so the tenant stacks of
 * a fleet run deploy them with `silo:lambdaCode prebuilt` instead of each bundling into the same folder at
 * the same time. Returns the bundle names.
 *
 * @example
 * await buildLambdaBundles(); // ["authorizer", "chat", ...]
 */
export async function buildLambdaBundles(
  outDir: string = join(repositoryRoot, "dist", "lambda"),
): Promise<string[]> {
  const built: string[] = [];
  for (const spec of lambdaBundles) built.push((await bundleLambda(spec, outDir)).name);
  return built;
}
