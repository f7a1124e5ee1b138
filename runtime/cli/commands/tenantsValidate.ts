import type { Command } from "commander";
import { formatProblem } from "../../core/tenants/configProblem.ts";
import { defaultTenantsDir, loadTenants } from "../../core/tenants/loadTenants.ts";
import type { CliContext } from "../cliContext.ts";

/** `silo tenants validate [--dir DIR]`: exit 0 when every tenant file is valid, 1 with every problem otherwise. */
export function registerTenantsValidate(tenants: Command, context: CliContext): void {
  tenants
    .command("validate")
    .description("validate every tenant file; list every problem as FILE:LINE:COLUMN field: message")
    .option("--dir <dir>", "tenants directory", defaultTenantsDir())
    .action(async (options: { dir: string }) => {
      const { tenants: valid, problems, files } = await loadTenants(options.dir);
      if (problems.length === 0) {
        context.out(
          `ok: ${valid.length} tenant file(s) valid in ${options.dir} (${valid.map((t) => t.id).join(", ")})\n`,
        );
        return;
      }
      context.err(`${problems.map(formatProblem).join("\n")}\n`);
      const badFiles = new Set(problems.map((problem) => problem.file)).size;
      context.err(`\n${problems.length} problem(s) in ${badFiles} of ${files.length} tenant file(s)\n`);
      context.exitCode = 1;
    });
}
