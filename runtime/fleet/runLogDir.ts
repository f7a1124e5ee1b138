import { join } from "node:path";

/**
 * The log folder of one run: `<root>/.silo/<command>/<UTC timestamp>`, with `:` replaced so it is a
 * valid file name everywhere.
 *
 * @example
 * runLogDir("/repo", "deploy", new Date("2026-05-01T10:00:00.000Z")); // "/repo/.silo/deploy/2026-05-01T10-00-00Z"
 */
export function runLogDir(root: string, command: string, now: Date): string {
  return join(
    root,
    ".silo",
    command,
    now
      .toISOString()
      .replace(/\.\d+Z$/, "Z")
      .replaceAll(":", "-"),
  );
}
