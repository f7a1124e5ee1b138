import { readdirSync, readFileSync } from "node:fs";

/** CPU milliseconds (user + system) used so far, by the role of each process in a local platform. */
export type CpuByRole = Readonly<Record<string, number>>;

const ticksPerSecond = 100;

/**
 * The CPU time a process tree has used so far (Linux `/proc`), by role: `self` (this process: the bench's
 * client, the gateway, an in-process upstream), then each descendant under the role `classify` gives its
 * command line (e.g. `tenant`, `postgres`); descendants it gives none are summed as `other`. Undefined
 * where `/proc` is missing (not Linux). CPU time, unlike latency, barely moves when other work shares the
 * cores, so it shows what a change saves on a busy machine.
 *
 * @example
 * const before = processTreeCpu(process.pid, (cmd) => (cmd.includes("postgres") ? "postgres" : undefined));
 */
export function processTreeCpu(
  rootPid: number,
  classify: (commandLine: string) => string | undefined,
): CpuByRole | undefined {
  const totals: Record<string, number> = {};
  const add = (role: string, ms: number) => {
    totals[role] = (totals[role] ?? 0) + ms;
  };
  const visit = (pid: number, role: string) => {
    const ms = cpuMsOf(pid);
    if (ms === undefined) return;
    add(role, ms);
    for (const child of childrenOf(pid)) {
      const commandLine = commandLineOf(child);
      visit(child, classify(commandLine) ?? (role === "self" ? "other" : role));
    }
  };
  try {
    readFileSync("/proc/self/stat");
  } catch {
    return undefined;
  }
  visit(rootPid, "self");
  return totals;
}

/** The CPU milliseconds each role used between two readings of {@link processTreeCpu}. */
export function cpuBetween(before: CpuByRole, after: CpuByRole): CpuByRole {
  return Object.fromEntries(
    Object.entries(after).map(([role, ms]) => [role, ms - (before[role] ?? 0)] as const),
  );
}

function cpuMsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command (which may hold spaces) start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return undefined;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").split(" ").filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}
