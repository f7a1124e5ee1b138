/**
 * One line saying why a stack failed. A kit error (with a stable `code`) is its whole message on one line,
 * since each of its lines is a problem with its fix; Pulumi's errors carry the command's whole output, and
 * the line that matters starts with `error:` (the full text goes to the stack's log file).
 *
 * @example
 * summarizeError(new Error("code: 255\n stderr: error: update failed\n...")); // "error: update failed"
 */
export function summarizeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | undefined)?.code;
  const lines = text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const line =
    typeof code === "string" && /^[A-Z_]+$/.test(code)
      ? `[${code}] ${lines.join(" ")}`
      : (lines.find((candidate) => /(^|\s)error:/.test(candidate)) ?? lines[0] ?? "failed").replace(
          /^(stderr|stdout):\s*/,
          "",
        );
  return line.length > 600 ? `${line.slice(0, 597)}...` : line;
}
