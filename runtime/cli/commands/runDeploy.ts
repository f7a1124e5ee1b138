import { isAbsolute, join, relative } from "node:path";
import { repositoryRoot } from "../../build/bundleLambda.ts";
import { loadTenantsOrThrow } from "../../core/tenants/loadTenants.ts";
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

/** The options of `silo deploy`, as parsed. */
export interface DeployOptions {
  tenant?: string[];
  all?: boolean;
  skipShared?: boolean;
  preview?: boolean;
  concurrency: number;
  policyPack?: boolean;
  dir: string;
  logDir?: string;
  /** `--environment <qualifier>`: deploy the qualified stacks (`staging.shared`, `staging.tenant-<id>`). */
  environment?: string;
}

/**
 * The action of `silo deploy` (runtime/cli/commands/deploy.ts): the plan, the prerequisites, then the
 * stacks; the summary on stdout and exit code 1 when any stack failed or was not attempted.
 */
export async function runDeploy(options: DeployOptions, context: CliContext): Promise<void> {
  const plan = planDeploy(await loadTenantsOrThrow(options.dir), {
    ...(options.tenant ? { tenantIds: options.tenant } : {}),
    all: options.all === true,
    skipShared: options.skipShared === true,
    ...(options.environment === undefined ? {} : { environmentQualifier: options.environment }),
  });
  const version = await checkPrerequisites(probePrerequisites());
  const logDir = displayPath(options.logDir ?? runLogDir(repositoryRoot, "deploy", new Date()));
  const operation = options.preview ? "preview" : "up";
  context.err(
    `[silo deploy] pulumi ${version}; ${operation} ${plan.shared ? `${plan.sharedStackName}, then ` : ""}` +
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
}

/** A path under the working directory is shown relative to it, so summary lines stay short. */
function displayPath(path: string): string {
  const fromCwd = relative(process.cwd(), path);
  return fromCwd === "" || fromCwd.startsWith("..") || isAbsolute(fromCwd) ? path : fromCwd;
}
