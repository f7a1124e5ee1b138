import { CommanderError } from "commander";
import { SiloError } from "../core/errors/siloError.ts";
import type { CliContext } from "./cliContext.ts";
import { createProgram } from "./createProgram.ts";
import { usageExitCode } from "./usageExitCode.ts";

/**
 * Runs `silo` with `args` (without the node and script paths) and returns the exit code: 0 success,
 * 1 the command found problems or failed, 2 usage error. Known errors print their message and code, never
 * a stack trace; unexpected ones print the stack, since they are bugs.
 *
 * @example
 * const code = await runCli(["tenants", "validate"], processContext());
 */
export async function runCli(args: readonly string[], context: CliContext): Promise<number> {
  const program = createProgram(context);
  try {
    await program.parseAsync([...args], { from: "user" });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version "errors" exit 0; everything else commander reports is a usage error.
      return error.exitCode === 0 ? 0 : usageExitCode;
    }
    if (error instanceof SiloError) {
      context.err(`error [${error.code}]: ${error.message}\n`);
      return 1;
    }
    context.err(`unexpected error (a bug; please report it): ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}
