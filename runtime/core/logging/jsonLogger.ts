/**
 * One structured log line. `level` and `msg` are always present so a CloudWatch metric filter or a `grep`
 * can key on them; every other field is the event's own (never a secret or a token).
 */
export interface LogEntry {
  readonly level: "debug" | "info" | "warn" | "error";
  readonly msg: string;
  readonly [field: string]: unknown;
}

/**
 * Receives log entries. Every component that logs takes one of these (`log` in its args or deps), so tests
 * and the local platform can collect the lines instead of reading stdout.
 */
export type Log = (entry: LogEntry) => void;

// Kept free of dependencies: the edge authorizer bundles this file, and its bundle has a size budget.

/**
 * The production {@link Log}: one JSON line per entry, written in one call so lines from concurrent
 * requests never interleave. Fields that are `undefined` are left out, as `JSON.stringify` does. `Entry`
 * narrows or widens what it accepts, e.g. a domain event type of its own, or `Record<string, unknown>` where
 * lines built elsewhere (another process) are relayed.
 *
 * @example
 * const log = jsonLineLog();
 * log({ level: "info", msg: "tenant migrations", applied: 3 });
 */
export function jsonLineLog<Entry extends object = LogEntry>(
  write: (line: string) => unknown = (line) => process.stdout.write(line),
): (entry: Entry) => void {
  return (entry) => {
    write(`${JSON.stringify(entry)}\n`);
  };
}
