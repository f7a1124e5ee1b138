/**
 * The offline plan: how long `silo plan --stack all` takes (the real executable, process start included)
 * for 1, 10 and 100 generated tenants, so a security reviewer knows what a fleet-wide check costs. Target:
 * 100 tenants in <= 60 s on the 2-core reference machine, cost growing linearly with the fleet. Then
 * `silo plan --synthetic-tenants` for 100 and 1,000 tenants (the quota report of a fleet; target: 1,000 in
 * under 5 minutes, at most linear in tenants).
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { renderTenantTemplate } from "../../runtime/core/tenants/renderTenantTemplate.ts";

const silo = fileURLToPath(new URL("../../runtime/cli/bin.mjs", import.meta.url));

async function fleet(size: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "silo-bench-plan-"));
  for (let index = 0; index < size; index++) {
    const id = `fleet-${String(index).padStart(4, "0")}`;
    // The template reserves concurrency for every tier; 100 such tenants would fail the tenant stacks' own
    // check against the account's 1,000 (see reservedConcurrencyBudget.ts), so standard ones reserve none.
    const template = renderTenantTemplate({ id, tier: index % 3 ? "standard" : "regulated" });
    await writeFile(join(dir, `${id}.yaml`), template.replace(/^ {2}reservedConcurrency: .*\n/m, ""));
  }
  return dir;
}

/** Runs `silo plan` and answers its wall time and the summary it printed. */
async function plan(tenantsDir: string): Promise<{ ms: number; summary: string }> {
  // 100 tenants break the account's default quotas (RDS's 40 DB instances): exit 1 with the report written.
  return await runPlan(["--stack", "all", "--tenants-dir", tenantsDir], [0, 1]);
}

/**
 * Runs `silo plan` with `args` (JSON to /dev/null) and answers its wall time and summary; `exitCodes` are the
 * ones expected (a synthetic fleet past the account's quotas exits 1, by design).
 */
async function runPlan(
  args: readonly string[],
  exitCodes: readonly number[],
): Promise<{ ms: number; summary: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, [silo, "plan", ...args, "--format", "json", "--out", "/dev/null"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code === null || !exitCodes.includes(code))
    throw new Error(`silo plan exited ${code}:\n${stderr}${stdout}`);
  return { ms: performance.now() - started, summary: stdout.trim() };
}

export async function run(): Promise<void> {
  const figures: Array<{ size: number; ms: number }> = [];
  for (const size of [1, 10, 100]) {
    const dir = await fleet(size);
    try {
      const { ms, summary } = await plan(dir);
      figures.push({ size, ms });
      console.log(
        `silo plan --stack all, ${String(size).padStart(3)} tenants: ${(ms / 1000).toFixed(1).padStart(5)} s ` +
          `(${(ms / (size + 1)).toFixed(0)} ms/stack)  ${summary.replace(/^wrote \S+ \(json\): /, "")}`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const at = (size: number) => figures.find((figure) => figure.size === size)?.ms ?? Number.NaN;
  console.log(`100 tenants: ${(at(100) / 1000).toFixed(1)} s (target <= 60 s)`);
  const marginal = (at(100) - at(10)) / 90;
  const firstTen = (at(10) - at(1)) / 9;
  console.log(
    `added cost per tenant: ${marginal.toFixed(0)} ms from 10 to 100, ${firstTen.toFixed(0)} ms from 1 to 10 ` +
      `(ratio ${(marginal / firstTen).toFixed(2)}x; 1.00x = linear)`,
  );
  await syntheticFleets();
}

/** `silo plan --synthetic-tenants N --synthetic-only` for 100 and 1,000 tenants: tenants/second and linearity. */
async function syntheticFleets(): Promise<void> {
  const times = new Map<number, number>();
  for (const size of [100, 1000]) {
    const { ms, summary } = await runPlan(["--synthetic-tenants", String(size), "--synthetic-only"], [0, 1]);
    times.set(size, ms);
    console.log(
      `silo plan --synthetic-tenants ${String(size).padStart(4)}: ${(ms / 1000).toFixed(1).padStart(5)} s ` +
        `(${((size * 1000) / ms).toFixed(0)} tenants/s)  ${summary.replace(/^wrote \S+ \(json\): /, "")}`,
    );
  }
  const ratio = (times.get(1000) ?? Number.NaN) / (times.get(100) ?? Number.NaN);
  console.log(
    `1,000 synthetic tenants: ${((times.get(1000) ?? Number.NaN) / 1000).toFixed(1)} s (target < 300 s); ` +
      `time(1,000) / time(100) = ${ratio.toFixed(2)} (10.00 = linear; one program per tenant shape keeps it near 1)`,
  );
}
