/** Where a command writes and how it reports its outcome; tests pass their own to capture output. */
export interface CliContext {
  /** Writes to standard output (the command's result). */
  readonly out: (text: string) => void;
  /** Writes to standard error (progress, problems, errors). */
  readonly err: (text: string) => void;
  /** The exit code the process ends with; commands set it, 0 unless they do. */
  exitCode: number;
}

/**
 * A context bound to the real process streams. A closed stdout (`silo openapi | head`) ends the process
 * quietly, as Unix tools do, instead of crashing with EPIPE.
 */
export function processContext(): CliContext {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    exitCode: 0,
  };
}
