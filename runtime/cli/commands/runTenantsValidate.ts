import { formatProblem } from "../../core/tenants/configProblem.ts";
import { loadTenants } from "../../core/tenants/loadTenants.ts";
import type { CliContext } from "../cliContext.ts";

/**
 * The action of `silo tenants validate` (runtime/cli/commands/tenantsValidate.ts): every problem on stderr
 * and exit code 1, or one `ok:` line.
 */
export async function runTenantsValidate(
  options: { readonly dir: string },
  context: CliContext,
): Promise<void> {
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
}
