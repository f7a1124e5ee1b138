import { formatProblem } from "../../core/tenants/configProblem.ts";
import { loadTenants } from "../../core/tenants/loadTenants.ts";
import type { CliContext } from "../cliContext.ts";
import { formatTable } from "../formatTable.ts";

/**
 * The action of `silo tenants list` (runtime/cli/commands/tenantsList.ts): the valid tenants as a table or
 * JSON; invalid files on stderr and exit code 1.
 */
export async function runTenantsList(
  options: { readonly dir: string; readonly json?: boolean },
  context: CliContext,
): Promise<void> {
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
}
