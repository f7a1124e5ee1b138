import { isAbsolute, join, relative } from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import { isTenantId, tenantIdRule } from "../../../tenants/tenantId.ts";
import { repositoryRoot } from "../../build/bundleLambda.ts";
import { defaultTenantsDir, loadTenantsOrThrow } from "../../core/tenants/loadTenants.ts";
import { buildLambdaBundles } from "../../fleet/buildLambdaBundles.ts";
import { checkPrerequisites } from "../../fleet/checkPrerequisites.ts";
import { deployFleet } from "../../fleet/deployFleet.ts";
import { formatDeploySummary } from "../../fleet/formatDeploySummary.ts";
import { localStackWorkspaces } from "../../fleet/localStackWorkspaces.ts";
import { planDeploy } from "../../fleet/planDeploy.ts";
import { probePrerequisites } from "../../fleet/probePrerequisites.ts";
import { runLogDir } from "../../fleet/runLogDir.ts";
import { fileStackLogs } from "../../fleet/stackLogs.ts";
import type { CliContext } from "../cliContext.ts";

interface DeployOptions {
  tenant?: string[];
  all?: boolean;
  skipShared?: boolean;
  preview?: boolean;
  concurrency: number;
  policyPack?: boolean;
  dir: string;
  logDir?: string;
}

/** Most tenant stacks one deploy runs at once; each is a Pulumi CLI and a Node program. */
const maxConcurrency = 32;

/**
 * `silo deploy`: the shared stack, then the chosen tenant stacks in parallel through the Pulumi Automation
 * API. Progress on stderr, each stack's full output in its own log file, the summary table on stdout; exit 1
 * when any stack failed or was not attempted.
 */
export function registerDeploy(program: Command, context: CliContext): void {
  program
    .command("deploy")
    .description("deploy (or preview) the shared stack, then tenant stacks in parallel, with a summary")
    .option("--tenant <id...>", "tenant stack to deploy (repeatable)", collectTenant)
    .option("--all", "deploy every tenant in the tenants directory")
    .option("--skip-shared", "leave the shared stack as it is (its outputs must exist)")
    .option("--preview", "preview the changes (pulumi preview) instead of deploying")
    .option("--concurrency <n>", `tenant stacks run at once, 1 to ${maxConcurrency}`, parseConcurrency, 4)
    .option("--policy-pack", "run the policy pack in policies/ with every stack")
    .option("--dir <dir>", "tenants directory", defaultTenantsDir())
    .option("--log-dir <dir>", "where each stack's log goes (default: .silo/deploy/<UTC time>)")
    .action(async (options: DeployOptions) => {
      const plan = planDeploy(await loadTenantsOrThrow(options.dir), {
        ...(options.tenant ? { tenantIds: options.tenant } : {}),
        all: options.all === true,
        skipShared: options.skipShared === true,
      });
      const version = await checkPrerequisites(probePrerequisites());
      const logDir = displayPath(options.logDir ?? runLogDir(repositoryRoot, "deploy", new Date()));
      const operation = options.preview ? "preview" : "up";
      context.err(
        `[silo deploy] pulumi ${version}; ${operation} ${plan.shared ? "shared, then " : ""}` +
          `${plan.tenants.length} tenant stack(s), ${options.concurrency} at a time` +
          `${options.policyPack ? ", with the policy pack" : ""}; logs in ${logDir}\n`,
      );
      const report = await deployFleet({
        plan,
        workspaces: localStackWorkspaces(),
        operation,
        concurrency: options.concurrency,
        ...(options.policyPack ? { policyPacks: [join(repositoryRoot, "policies")] } : {}),
        logs: fileStackLogs(logDir),
        progress: (line) => context.err(`${line}\n`),
        prepareTenantStacks: async () => {
          context.err("[silo deploy] bundling the Lambdas once for the tenant stacks (dist/lambda)\n");
          await buildLambdaBundles();
        },
      });
      context.out(formatDeploySummary(report));
      context.exitCode = report.outcomes.every((outcome) => outcome.result === "succeeded") ? 0 : 1;
    });
}

function collectTenant(value: string, previous: string[] | undefined): string[] {
  if (!isTenantId(value))
    throw new InvalidArgumentError(`"${value}" is not a tenant id: use ${tenantIdRule}`);
  return [...(previous ?? []), value];
}

function parseConcurrency(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > maxConcurrency) {
    throw new InvalidArgumentError(`"${value}" is not a whole number from 1 to ${maxConcurrency}`);
  }
  return number;
}

/** A path under the working directory is shown relative to it, so summary lines stay short. */
function displayPath(path: string): string {
  const fromCwd = relative(process.cwd(), path);
  return fromCwd === "" || fromCwd.startsWith("..") || isAbsolute(fromCwd) ? path : fromCwd;
}
