import type { CliContext } from "../../../runtime/cli/cliContext.ts";
import { runCli } from "../../../runtime/cli/runCli.ts";

/** A CLI context that records what a command writes, for in-process CLI tests. */
export function captureContext(): CliContext & { stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    exitCode: 0,
    stdout: () => out.join(""),
    stderr: () => err.join(""),
  };
}

/** Runs `silo` in-process with `args` and returns its exit code and what it wrote. */
export async function runSilo(
  ...args: string[]
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const context = captureContext();
  const exitCode = await runCli(args, context);
  return { exitCode, stdout: context.stdout(), stderr: context.stderr() };
}
