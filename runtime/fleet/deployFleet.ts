import { formatDuration } from "./formatDuration.ts";
import { formatResourceChanges } from "./formatResourceChanges.ts";
import type { DeployPlan } from "./planDeploy.ts";
import { runWithConcurrency } from "./runWithConcurrency.ts";
import type { StackLog, StackLogs } from "./stackLogs.ts";
import type { FleetReport, StackOutcome } from "./stackOutcome.ts";
import type { FleetStack, StackRunResult, StackWorkspaces } from "./stackWorkspaces.ts";
import { summarizeError } from "./summarizeError.ts";
import { tenantStackConfig } from "./tenantStackConfig.ts";

/** What {@link deployFleet} runs and where it reports. */
export interface DeployFleetArgs {
  readonly plan: DeployPlan;
  readonly workspaces: StackWorkspaces;
  /** `up` deploys; `preview` shows what `up` would do. */
  readonly operation: "up" | "preview";
  /** How many tenant stacks run at once. */
  readonly concurrency: number;
  /** Policy pack folders run with every stack (`--policy-pack`). */
  readonly policyPacks?: readonly string[];
  readonly logs: StackLogs;
  /** Receives one progress line at a time, without a newline. */
  readonly progress: (line: string) => void;
  /**
   * Runs once after `shared` and before the tenant stacks (the kit bundles the Lambdas here, once for all).
   * @default nothing
   */
  readonly prepareTenantStacks?: () => Promise<void>;
  /** @default Date.now */
  readonly clock?: () => number;
}

/**
 * Deploys (or previews) a fleet: `shared` first, then the tenant stacks, at most `concurrency` at a time,
 * each in its own workspace with its config set from its tenant file (tenantStackConfig.ts). A failing
 * tenant stack is reported and the others go on; if `shared` (or the preparation) fails, no tenant stack is
 * attempted, since each reads the shared stack's outputs. Never throws for a stack's failure: the report
 * says what happened to every stack, in plan order.
 *
 * @example
 * const report = await deployFleet({ plan, workspaces: localStackWorkspaces(), operation: "up", concurrency: 4, logs, progress });
 */
export async function deployFleet(args: DeployFleetArgs): Promise<FleetReport> {
  const clock = args.clock ?? Date.now;
  const verb = args.operation === "up" ? "deploy" : "preview";
  const operate = (stack: FleetStack, log: StackLog): Promise<StackRunResult> => {
    const options = {
      onOutput: (text: string) => log.write(text),
      ...(args.policyPacks ? { policyPacks: args.policyPacks } : {}),
    };
    return args.operation === "up" ? stack.up(options) : stack.preview(options);
  };

  const runStack = async (
    stackName: string,
    body: (stack: FleetStack, log: StackLog) => Promise<StackRunResult>,
  ): Promise<StackOutcome> => {
    const started = clock();
    const log = args.logs.open(stackName);
    args.progress(`[${stackName}] ${verb} started (log: ${log.file})`);
    try {
      const stack = await args.workspaces.select(stackName, { create: args.operation === "up" });
      const { changes } = await body(stack, log);
      const durationMs = clock() - started;
      args.progress(
        `[${stackName}] succeeded in ${formatDuration(durationMs)}: ${formatResourceChanges(changes)}`,
      );
      return { stackName, result: "succeeded", changes, durationMs, logFile: log.file };
    } catch (error) {
      const durationMs = clock() - started;
      const reason = summarizeError(error);
      log.write(`\n[silo deploy] ${stackName} failed:\n${(error as Error).stack ?? String(error)}\n`);
      args.progress(`[${stackName}] FAILED in ${formatDuration(durationMs)}: ${reason} (log: ${log.file})`);
      return { stackName, result: "failed", changes: {}, durationMs, logFile: log.file, reason };
    } finally {
      await log.close();
    }
  };

  const outcomes: StackOutcome[] = [];
  let sharedRegion: string | undefined;
  let blocked: string | undefined;
  if (args.plan.shared) {
    const shared = await runStack(args.plan.sharedStackName, async (stack, log) => {
      sharedRegion = (await stack.getAllConfig())["aws:region"];
      return operate(stack, log);
    });
    outcomes.push(shared);
    if (shared.result === "failed")
      blocked = "not attempted: the shared stack failed, and every tenant stack reads its outputs";
  } else if (args.plan.tenants.length > 0) {
    sharedRegion = await readSharedRegion(args.workspaces, args.plan.sharedStackName);
  }

  if (blocked === undefined && args.plan.tenants.length > 0 && args.prepareTenantStacks) {
    try {
      await args.prepareTenantStacks();
    } catch (error) {
      blocked = `not attempted: preparing the tenant stacks failed: ${summarizeError(error)}`;
    }
  }
  if (blocked !== undefined) {
    if (args.plan.tenants.length > 0) {
      args.progress(`[silo deploy] ${args.plan.tenants.length} tenant stack(s) ${blocked}`);
    }
    for (const { stackName } of args.plan.tenants) {
      outcomes.push({ stackName, result: "not attempted", changes: {}, durationMs: 0, reason: blocked });
    }
    return { operation: args.operation, outcomes };
  }

  const tenantOutcomes = await runWithConcurrency(
    args.plan.tenants,
    args.concurrency,
    ({ stackName, tenant }) =>
      runStack(stackName, async (stack, log) => {
        const config = tenantStackConfig({
          tenant,
          stackName,
          existing: await stack.getAllConfig(),
          ...(sharedRegion === undefined ? {} : { sharedRegion }),
        });
        await stack.setAllConfig(config);
        log.write(
          `[silo deploy] set ${Object.entries(config)
            .map(([key, entry]) => `${key}=${entry.value}`)
            .join(", ")} on ${stackName}\n`,
        );
        return operate(stack, log);
      }),
  );
  return { operation: args.operation, outcomes: [...outcomes, ...tenantOutcomes] };
}

/** The shared stack's Region when it is not deployed in this run; unknown when it cannot be read. */
async function readSharedRegion(
  workspaces: StackWorkspaces,
  sharedStackName: string,
): Promise<string | undefined> {
  try {
    const shared = await workspaces.select(sharedStackName);
    return (await shared.getAllConfig())["aws:region"];
  } catch {
    // The tenant stack's own aws:region applies; a missing shared stack fails its run with Pulumi's error.
    return undefined;
  }
}
