import type { Command } from "commander";
import { defaultTenantsDir } from "../../core/tenants/defaultTenantsDir.ts";
import type { CliContext } from "../cliContext.ts";

/** `silo tenants validate [--dir DIR]`: exit 0 when every tenant file is valid, 1 with every problem otherwise. */
export function registerTenantsValidate(tenants: Command, context: CliContext): void {
  tenants
    .command("validate")
    .description("validate every tenant file; list every problem as FILE:LINE:COLUMN field: message")
    .option("--dir <dir>", "tenants directory", defaultTenantsDir())
    .action(async (options: { dir: string }) => {
      // The tenant schema loads only when the command runs, so other commands start fast.
      const { runTenantsValidate } = await import("./runTenantsValidate.ts");
      await runTenantsValidate(options, context);
    });
}
