import { createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";

/** The full output of one stack's run. */
export interface StackLog {
  readonly file: string;
  write(text: string): void;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

/** Where each stack's run writes its log. */
export interface StackLogs {
  open(stackName: string): StackLog;
}

/**
 * One log file per stack, `<dir>/<stack>.log`, created with the folder on first use.
 *
 * @example
 * const log = fileStackLogs(".silo/deploy/2026-05-01T10-00-00Z").open("tenant-acme");
 */
export function fileStackLogs(dir: string): StackLogs {
  return {
    open(stackName) {
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${stackName}.log`);
      const stream = createWriteStream(file, { flags: "a" });
      return {
        file,
        write: (text) => {
          stream.write(text);
        },
        close: () =>
          new Promise<void>((resolve, reject) => {
            stream.once("error", reject);
            stream.end(() => resolve());
          }),
      };
    },
  };
}
