import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import type { PrerequisiteProbes } from "./checkPrerequisites.ts";

/**
 * The real machine for {@link checkPrerequisites}: this process's environment, the home folder, and
 * `pulumi version` run from PATH (10 s at most).
 *
 * @example
 * await checkPrerequisites(probePrerequisites());
 */
export function probePrerequisites(env: NodeJS.ProcessEnv = process.env): PrerequisiteProbes {
  return {
    env,
    homeDir: homedir(),
    pulumiVersion: () =>
      new Promise((resolve) => {
        execFile("pulumi", ["version"], { timeout: 10_000, env }, (error, stdout) => {
          resolve(error ? undefined : stdout.trim());
        });
      }),
    readText: async (file) => {
      try {
        return await readFile(file, "utf8");
      } catch {
        return undefined;
      }
    },
  };
}
