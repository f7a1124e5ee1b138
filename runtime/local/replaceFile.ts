import { rename, rm, writeFile } from "node:fs/promises";

/**
 * Replaces `file` in one step (write a sibling, then rename), so a reader never sees half a file, and with
 * `mode` even when the file existed with another one (a plain write keeps the old mode).
 *
 * @example
 * await replaceFile(join(dataDir, "secrets", "acme.json"), JSON.stringify(secrets), 0o600);
 */
export async function replaceFile(file: string, text: string, mode: number): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await rm(temporary, { force: true });
  await writeFile(temporary, text, { mode });
  await rename(temporary, file);
}
