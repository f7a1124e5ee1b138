import { basename, extname } from "node:path";
import { checkTenantIdentities } from "../../authorizer/identity/checkTenantIdentities.ts";
import { type ConfigProblem, formatProblem } from "../../core/tenants/configProblem.ts";
import { loadTenants } from "../../core/tenants/loadTenants.ts";
import type { CliContext } from "../cliContext.ts";
import { readIdentitySettings } from "./readIdentitySettings.ts";

/** The options of `silo tenants validate`. */
export interface ValidateOptions {
  readonly dir: string;
  readonly identityProfile?: string;
  readonly tenantSource?: string;
  readonly stackFile: string;
}

/**
 * The action of `silo tenants validate` (runtime/cli/commands/tenantsValidate.ts): every problem on stderr
 * and exit code 1, or one `ok:` line. Besides each file, it checks every tenant's identity block against
 * the shared stack's identity profile.
 */
export async function runTenantsValidate(options: ValidateOptions, context: CliContext): Promise<void> {
  const { tenants: valid, problems: fileProblems, files } = await loadTenants(options.dir);
  const identity = await readIdentitySettings(options);
  const fileOf = new Map(files.map((file) => [basename(file, extname(file)), file]));
  const identityProblems: ConfigProblem[] = checkTenantIdentities(valid, identity).map((problem) => ({
    file: fileOf.get(problem.tenantId) ?? problem.tenantId,
    line: 1,
    column: 1,
    field: "identity.organizationId",
    message: `${problem.message} (profile from ${identity.source})`,
  }));
  const problems = [...fileProblems, ...identityProblems];
  if (problems.length === 0) {
    context.out(
      `ok: ${valid.length} tenant file(s) valid in ${options.dir} (${valid.map((t) => t.id).join(", ")}); identity profile ${identity.profile}\n`,
    );
    return;
  }
  context.err(`${problems.map(formatProblem).join("\n")}\n`);
  const badFiles = new Set(problems.map((problem) => problem.file)).size;
  context.err(`\n${problems.length} problem(s) in ${badFiles} of ${files.length} tenant file(s)\n`);
  context.exitCode = 1;
}
