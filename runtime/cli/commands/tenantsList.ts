import type { Command } from "commander";
import { defaultTenantsDir } from "../../core/tenants/defaultTenantsDir.ts";
import type { CliContext } from "../cliContext.ts";

/** `silo tenants list [--dir DIR] [--json]`: the valid tenants; invalid files are reported and exit 1. */
export function registerTenantsList(tenants: Command, context: CliContext): void {
  tenants
    .command("list")
    .description("list the tenants (id, tier, default model, budget, limits)")
    .option("--dir <dir>", "tenants directory", defaultTenantsDir())
    .option("--json", "print the validated configs as JSON, defaults applied")
    .action(async (options: { dir: string; json?: boolean }) => {
      // The tenant schema loads only when the command runs, so other commands start fast.
      const { runTenantsList } = await import("./runTenantsList.ts");
      await runTenantsList(options, context);
    });
}
