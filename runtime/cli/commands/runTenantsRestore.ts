import { SiloError } from "../../core/errors/siloError.ts";
import { loadTenant } from "../../core/tenants/loadTenants.ts";
import { checkPrerequisites } from "../../fleet/checkPrerequisites.ts";
import { confirmTenantAction } from "../../fleet/confirmTenantAction.ts";
import { localStackWorkspaces } from "../../fleet/localStackWorkspaces.ts";
import { probePrerequisites } from "../../fleet/probePrerequisites.ts";
import { awsRestoreCloud } from "../../fleet/restore/awsRestoreCloud.ts";
import { restoreNames } from "../../fleet/restore/restoreNames.ts";
import { restoreTenantDatabase } from "../../fleet/restore/restoreTenantDatabase.ts";
import type { CliContext } from "../cliContext.ts";
import { canPrompt, promptLine } from "./promptLine.ts";

/** The options of `silo tenants restore`, as parsed. */
export interface RestoreOptions {
  snapshot?: string;
  toTime?: Date;
  dryRun?: boolean;
  yesIMean?: string;
  dir: string;
  pollSeconds: number;
  /** `--environment <qualifier>`: restore in `<qualifier>.tenant-<id>` (database `<qualifier>-silo-<id>`). */
  environment?: string;
}

/** The action of `silo tenants restore` (runtime/cli/commands/tenantsRestore.ts). */
export async function runTenantsRestore(
  id: string,
  options: RestoreOptions,
  context: CliContext,
): Promise<void> {
  if ((options.snapshot === undefined) === (options.toTime === undefined)) {
    throw new SiloError(
      "RESTORE_SOURCE_INVALID",
      "pass exactly one of --snapshot <id> and --to-time <UTC time> to say what to restore",
    );
  }
  const tenant = await loadTenant(id, options.dir);
  await checkPrerequisites(probePrerequisites());
  const source =
    options.snapshot !== undefined ? { snapshotId: options.snapshot } : { toTime: options.toTime as Date };
  const common = {
    tenant,
    ...(options.environment === undefined ? {} : { environmentQualifier: options.environment }),
    source,
    workspaces: localStackWorkspaces(),
    cloudFor: awsRestoreCloud,
    pollIntervalMs: options.pollSeconds * 1000,
    progress: (line: string) => context.err(`${line}\n`),
  };
  // Every check first, so a wrong snapshot or tenant fails before the operator is asked.
  await restoreTenantDatabase({ ...common, dryRun: true });
  if (options.dryRun) return;
  await confirmTenantAction({
    tenantId: tenant.id,
    action: `replaces the database of tenant ${tenant.id} (the current one is kept as ${restoreNames(tenant.id, options.environment).replacedIdentifier})`,
    ...(options.yesIMean === undefined ? {} : { confirmedId: options.yesIMean }),
    interactive: canPrompt(),
    ask: promptLine,
  });
  const plan = await restoreTenantDatabase(common);
  context.out(
    `restored ${tenant.id}: ${plan.identifier} is the restored database; kept ${plan.replacedIdentifier}\n`,
  );
}
