/**
 * Tenant config loading: how long `silo tenants validate` (and every stack and local-platform start) spends
 * reading and validating a fleet of tenant files. Cost must grow linearly with the fleet.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { loadTenants } from "../../runtime/core/tenants/loadTenants.ts";
import { renderTenantTemplate } from "../../runtime/core/tenants/renderTenantTemplate.ts";

async function fleet(size: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "silo-bench-tenants-"));
  for (let index = 0; index < size; index++) {
    const id = `tenant-${String(index).padStart(4, "0")}`;
    await writeFile(
      join(dir, `${id}.yaml`),
      renderTenantTemplate({ id, tier: index % 3 ? "standard" : "regulated" }),
    );
  }
  return dir;
}

export async function run(): Promise<void> {
  const sizes = [10, 100, 1000];
  const perFileMs: number[] = [];
  for (const size of sizes) {
    const dir = await fleet(size);
    await loadTenants(dir); // warm up
    const rounds = Math.max(3, Math.round(2000 / size));
    const start = performance.now();
    for (let round = 0; round < rounds; round++) {
      const { problems } = await loadTenants(dir);
      if (problems.length > 0) throw new Error(`bench fleet is invalid: ${problems.length} problems`);
    }
    const totalMs = (performance.now() - start) / rounds;
    perFileMs.push(totalMs / size);
    console.log(
      `load+validate ${String(size).padStart(4)} tenants: ${totalMs.toFixed(1).padStart(7)} ms ` +
        `(${((size / totalMs) * 1000).toFixed(0)} files/s, ${(totalMs / size).toFixed(3)} ms/file)`,
    );
    await rm(dir, { recursive: true, force: true });
  }
  const ratio = (perFileMs.at(-1) ?? 0) / (perFileMs[1] ?? 1);
  console.log(`per-file cost at 1000 vs 100 tenants: ${ratio.toFixed(2)}x (1.00x = linear; target <= 1.5x)`);
}
