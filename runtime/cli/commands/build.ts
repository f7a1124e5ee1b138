import { join } from "node:path";
import type { Command } from "commander";
import { bundleLambda, repositoryRoot } from "../../build/bundleLambda.ts";
import { lambdaBundles } from "../../build/lambdaBundles.ts";
import type { CliContext } from "../cliContext.ts";

/** `silo build [--out DIR]` (what `npm run build` runs): the Lambda bundles, each checked against its budget. */
export function registerBuild(program: Command, context: CliContext): void {
  program
    .command("build")
    .description("bundle the Lambda functions with esbuild into dist/lambda/<name>/index.mjs")
    .option("--out <dir>", "output directory", join(repositoryRoot, "dist", "lambda"))
    .action(async (options: { out: string }) => {
      for (const spec of lambdaBundles) {
        const built = await bundleLambda(spec, options.out);
        context.out(
          `${built.name.padEnd(12)} ${(built.bytes / 1024).toFixed(1).padStart(7)} KB ` +
            `(budget ${(built.maxBytes / 1024).toFixed(0)} KB)  ${built.file}\n`,
        );
      }
    });
}
