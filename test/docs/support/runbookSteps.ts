/** The info string of a fenced code block the runbook test executes. */
export const executableInfoString = "sh runbook";

/** The line that stands for "restart the local platform" in a runbook's rehearsal. */
export const restartMarker = "<!-- runbook: restart-local-platform -->";

/** One step of a runbook's local rehearsal, in document order. */
export type RunbookStep =
  | { readonly kind: "block"; readonly number: number; readonly line: number; readonly code: string }
  | { readonly kind: "restart"; readonly line: number };

/**
 * The executable steps of a runbook: every fenced block whose info string is exactly `sh runbook`
 * (numbered from 1) and every restart marker, in document order. Other fenced blocks (production
 * commands, examples) are only shown.
 *
 * @example
 * runbookSteps("```sh runbook\nsilo tenants validate\n```\n"); // [{ kind: "block", number: 1, line: 1, code: ... }]
 */
export function runbookSteps(markdown: string): RunbookStep[] {
  const steps: RunbookStep[] = [];
  const lines = markdown.split("\n");
  let fence: { info: string; line: number; code: string[]; marker: string } | undefined;
  let blocks = 0;
  lines.forEach((text, index) => {
    const line = index + 1;
    if (fence) {
      if (text.trim() === fence.marker) {
        if (fence.info === executableInfoString) {
          blocks++;
          steps.push({ kind: "block", number: blocks, line: fence.line, code: fence.code.join("\n") });
        }
        fence = undefined;
      } else {
        fence.code.push(text);
      }
      return;
    }
    const opening = /^\s*(`{3,}|~{3,})\s*(.*)$/.exec(text);
    if (opening) {
      fence = { info: (opening[2] ?? "").trim(), line, code: [], marker: opening[1] ?? "```" };
      return;
    }
    if (text.trim() === restartMarker) steps.push({ kind: "restart", line });
  });
  return steps;
}

/** The relative `.md` links of the runbook index, in order, without anchors. */
export function indexedRunbooks(indexMarkdown: string): string[] {
  const targets = [...indexMarkdown.matchAll(/\]\(([a-z0-9-]+\.md)(?:#[^)]*)?\)/g)].map(
    (match) => match[1] ?? "",
  );
  return [...new Set(targets)];
}
