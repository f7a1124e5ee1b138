import { type Command, InvalidArgumentError } from "commander";
import { isTenantId, tenantIdRule } from "../../../tenants/tenantId.ts";
import { defaultTenantsDir } from "../../core/tenants/defaultTenantsDir.ts";
import type { CliContext } from "../cliContext.ts";
import { parseEnvironmentQualifier } from "./parseEnvironmentQualifier.ts";
import type { DeployOptions } from "./runDeploy.ts";

/** Most tenant stacks one deploy runs at once; each is a Pulumi CLI and a Node program. */
const maxConcurrency = 32;

/**
 * `silo deploy`: the shared stack, then the chosen tenant stacks in parallel through the Pulumi Automation
 * API (`--environment staging`: the stacks qualified with it, docs/deploy.md). Progress on stderr, each stack's full output in its own log file, the summary table on stdout; exit 1
 * when any stack failed or was not attempted.
 */
export function registerDeploy(program: Command, context: CliContext): void {
  program
    .command("deploy")
    .description("deploy (or preview) the shared stack, then tenant stacks in parallel, with a summary")
    .option("--tenant <id...>", "tenant stack to deploy (repeatable)", collectTenant)
    .option("--all", "deploy every tenant in the tenants directory")
    .option(
      "--environment <qualifier>",
      "deploy the stacks qualified with an environment (staging.shared, staging.tenant-<id>) beside the unqualified ones",
      parseEnvironmentQualifier,
    )
    .option("--skip-shared", "leave the shared stack as it is (its outputs must exist)")
    .option("--preview", "preview the changes (pulumi preview) instead of deploying")
    .option("--concurrency <n>", `tenant stacks run at once, 1 to ${maxConcurrency}`, parseConcurrency, 4)
    .option("--policy-pack", "run the policy pack in policies/ with every stack")
    .option("--dir <dir>", "tenants directory", defaultTenantsDir())
    .option("--log-dir <dir>", "where each stack's log goes (default: .silo/deploy/<UTC time>)")
    .action(async (options: DeployOptions) => {
      // Pulumi's Automation API and esbuild load only when the command runs.
      const { runDeploy } = await import("./runDeploy.ts");
      await runDeploy(options, context);
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
