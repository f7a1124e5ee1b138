import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runSilo } from "../runtime/cli/captureContext.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const topLevel = ["runtime/", "tenants/", "docs/", "test/", "stacks/", "components/", "policies/", ".ci/"];

async function documents(): Promise<Array<{ file: string; text: string }>> {
  const docs = (await readdir(join(root, "docs"), { recursive: true })).filter((file) =>
    file.endsWith(".md"),
  );
  const files = ["README.md", ...docs.map((file) => join("docs", file))];
  return Promise.all(files.map(async (file) => ({ file, text: await readFile(join(root, file), "utf8") })));
}

describe("documentation references", () => {
  it("names only repository paths that exist", async () => {
    const missing: string[] = [];
    for (const { file, text } of await documents()) {
      for (const match of text.matchAll(/`([A-Za-z0-9_./-]+)`/g)) {
        const path = match[1] ?? "";
        if (!topLevel.some((prefix) => path.startsWith(prefix)) || path.includes("<")) continue;
        if (!existsSync(join(root, path.replace(/[.,:;]$/, "")))) missing.push(`${file}: ${path}`);
      }
    }

    expect(missing).toEqual([]);
  });

  it("shows only silo commands that exist (each one's --help succeeds)", async () => {
    const commands = new Set<string>();
    for (const { text } of await documents()) {
      for (const match of text.matchAll(/(?:npx )?\bsilo ((?:[a-z][a-z-]*)(?: [a-z][a-z-]*)?)/g)) {
        const words = (match[1] ?? "").split(" ");
        // "silo tenants validate" is two words deep; "silo token --tenant" one.
        commands.add(words.join(" "));
      }
    }
    const failing: string[] = [];
    for (const command of commands) {
      const words = command.split(" ");
      const full = await runSilo(...words, "--help");
      const first = await runSilo(words[0] ?? "", "--help");
      if (full.exitCode !== 0 && first.exitCode !== 0) failing.push(command);
    }

    expect(commands.size).toBeGreaterThan(5);
    expect(failing).toEqual([]);
  });
});
