import { join } from "node:path";
import { loadTenant } from "../../core/tenants/loadTenants.ts";
import { checkPrerequisites } from "../../fleet/checkPrerequisites.ts";
import { localStackWorkspaces } from "../../fleet/localStackWorkspaces.ts";
import { awsOffboardingCloud } from "../../fleet/offboard/awsOffboardingCloud.ts";
import { confirmOffboarding } from "../../fleet/offboard/confirmOffboarding.ts";
import { offboardingPlan } from "../../fleet/offboard/offboardingPlan.ts";
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
}

/**
 * The action of `silo tenants offboard` (runtime/cli/commands/tenantsOffboard.ts): asks for confirmation,
 * then snapshot, export and destroy, resuming from the state in `<state dir>/<id>`.
 */
export async function runTenantsOffboard(
  id: string,
  options: OffboardOptions,
  context: CliContext,
): Promise<void> {
  const tenant = await loadTenant(id, options.dir);
  await confirmOffboarding({
    tenantId: tenant.id,
    ...(options.yesIMean === undefined ? {} : { confirmedId: options.yesIMean }),
    interactive: canPrompt(),
    ask: promptLine,
  });
  await checkPrerequisites(probePrerequisites());
  const tokens = options.tokenCommand
    ? commandTokenSource({ command: options.tokenCommand, timeoutMs: 60_000 })
    : undefined;
  const stateDir = join(options.stateDir, tenant.id);
  const state = await offboardTenant({
    tenant,
    workspaces: localStackWorkspaces(),
    cloudFor: awsOffboardingCloud,
    ...(tokens ? { exportToken: () => tokens.token(tenant.id, ["data:export"]) } : {}),
    ...(options.retentionKeyArn ? { retentionKeyArn: options.retentionKeyArn } : {}),
    stateDir,
    pollIntervalMs: options.pollSeconds * 1000,
    progress: (line) => context.err(`${line}\n`),
  });
  context.out(
    `offboarded ${tenant.id}; kept: snapshot ${offboardingPlan(tenant, state.startedAt).retainedSnapshotId}, ${join(stateDir, "export.jsonl")}, the ledger rows\n`,
  );
}
