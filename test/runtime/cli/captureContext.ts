import type { CliContext } from "../../../runtime/cli/cliContext.ts";

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
