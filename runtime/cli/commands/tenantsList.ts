import type { Command } from "commander";
import { formatProblem } from "../../core/tenants/configProblem.ts";
import { defaultTenantsDir, loadTenants } from "../../core/tenants/loadTenants.ts";
import type { CliContext } from "../cliContext.ts";
import { formatTable } from "../formatTable.ts";

/** `silo tenants list [--dir DIR] [--json]`: the valid tenants; invalid files are reported and exit 1. */
export function registerTenantsList(tenants: Command, context: CliContext): void {
  tenants
    .command("list")
    .description("list the tenants (id, tier, default model, budget, limits)")
    .option("--dir <dir>", "tenants directory", defaultTenantsDir())
    .option("--json", "print the validated configs as JSON, defaults applied")
    .action(async (options: { dir: string; json?: boolean }) => {
      const { tenants: valid, problems } = await loadTenants(options.dir);
      if (options.json) {
        context.out(`${JSON.stringify(valid, null, 2)}\n`);
      } else {
        const rows = valid.map((tenant) => [
          tenant.id,
          tenant.tier,
          tenant.models.defaultModel,
          String(tenant.models.allowlist.length),
          `$${tenant.limits.monthlyBudgetUsd}`,
          `${tenant.limits.requestsPerSecond}/${tenant.limits.burst}`,
          tenant.displayName,
        ]);
        context.out(
          formatTable(["ID", "TIER", "DEFAULT MODEL", "MODELS", "BUDGET/MONTH", "RPS/BURST", "NAME"], rows),
        );
      }
      if (problems.length > 0) {
        context.err(`\n${problems.map(formatProblem).join("\n")}\n(invalid files are not listed)\n`);
        context.exitCode = 1;
      }
    });
}
