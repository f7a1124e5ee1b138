import { join } from "node:path";
import { loadTenant } from "../../core/tenants/loadTenants.ts";
import { checkPrerequisites } from "../../fleet/checkPrerequisites.ts";
import { localStackWorkspaces } from "../../fleet/localStackWorkspaces.ts";
import { awsOffboardingCloud } from "../../fleet/offboard/awsOffboardingCloud.ts";
import { confirmOffboarding } from "../../fleet/offboard/confirmOffboarding.ts";
import { offboardingPlan } from "../../fleet/offboard/offboardingPlan.ts";
import { offboardingStateDir } from "../../fleet/offboard/offboardingStateDir.ts";
import { offboardTenant } from "../../fleet/offboard/offboardTenant.ts";
import { probePrerequisites } from "../../fleet/probePrerequisites.ts";
import { commandTokenSource } from "../../smoke/commandTokenSource.ts";
import type { CliContext } from "../cliContext.ts";
import { canPrompt, promptLine } from "./promptLine.ts";

/** The options of `silo tenants offboard`, as parsed. */
export interface OffboardOptions {
  yesIMean?: string;
  tokenCommand?: string;
  retentionKeyArn?: string;
  stateDir: string;
  dir: string;
  pollSeconds: number;
  /** `--environment <qualifier>`: offboard `<qualifier>.tenant-<id>` (with `<qualifier>.shared`'s key). */
  environment?: string;
}

/**
 * The action of `silo tenants offboard` (runtime/cli/commands/tenantsOffboard.ts): asks for confirmation,
 * then snapshot, export and destroy, resuming from the state in `<state dir>/<id>` (`<state dir>/<qualifier>.<id>`
 * with `--environment`).
 */
export async function runTenantsOffboard(
  id: string,
  options: OffboardOptions,
  context: CliContext,
): Promise<void> {
  const tenant = await loadTenant(id, options.dir);
  await confirmOffboarding({
    tenantId: tenant.id,
    ...(options.environment === undefined
      ? {}
      : { stackName: offboardingPlan(tenant, undefined, options.environment).stackName }),
    ...(options.yesIMean === undefined ? {} : { confirmedId: options.yesIMean }),
    interactive: canPrompt(),
    ask: promptLine,
  });
  await checkPrerequisites(probePrerequisites());
  const tokens = options.tokenCommand
    ? commandTokenSource({ command: options.tokenCommand, timeoutMs: 60_000 })
    : undefined;
  const stateDir = offboardingStateDir(options.stateDir, tenant.id, options.environment);
  const state = await offboardTenant({
    tenant,
    ...(options.environment === undefined ? {} : { environmentQualifier: options.environment }),
    workspaces: localStackWorkspaces(),
    cloudFor: awsOffboardingCloud,
    ...(tokens ? { exportToken: () => tokens.token(tenant.id, ["data:export"]) } : {}),
    ...(options.retentionKeyArn ? { retentionKeyArn: options.retentionKeyArn } : {}),
    stateDir,
    pollIntervalMs: options.pollSeconds * 1000,
    progress: (line) => context.err(`${line}\n`),
  });
  context.out(
    `offboarded ${tenant.id}; kept: snapshot ${offboardingPlan(tenant, state.startedAt, options.environment).retainedSnapshotId}, ${join(stateDir, "export.jsonl")}, the ledger rows\n`,
  );
}
