import { SiloError } from "../../core/errors/siloError.ts";
import { databaseExportStorage } from "../../core/jobs/databaseExportStorage.ts";
import type { SecretSource } from "../../core/secrets/secretSource.ts";
import { createGroupHandler } from "../createGroupHandler.ts";
import { groupOperations, type TenantDeps } from "../groupOperations.ts";
import type { HandlerGroup } from "../routes.ts";
import { createTenantRuntime } from "./createTenantRuntime.ts";
import { loadTenantRuntimeConfig } from "./tenantRuntimeConfig.ts";

/**
 * The Lambda handler of one handler group, built from the environment: validated config, the tenant's
 * database and ledger connections, the model router, export storage, and the group's operations. Used by
 * the three Lambda entry files and by the local platform's tenant processes: the same code runs in both.
 *
 * @example
 * export const handler = await createTenantHandler("chat", process.env);
 *
 * `options.secrets` replaces the secret source the environment selects; the local platform passes one over
 * the tenant's own secrets file, so a password rotation is picked up without a restart. `options.log`
 * receives the one line per request (default: a JSON line on stdout, as CloudWatch Logs reads it); the
 * local platform sends it to the gateway's log instead.
 */
export async function createTenantHandler(
  group: HandlerGroup,
  env: Readonly<Record<string, string | undefined>>,
  options: {
    readonly secrets?: SecretSource;
    readonly log?: (entry: Record<string, unknown>) => void;
  } = {},
) {
  const config = loadTenantRuntimeConfig(env);
  const runtime = await createTenantRuntime(config, group, options.secrets);
  const downloadBase = env.SILO_EXPORT_DOWNLOAD_BASE_URL ?? "";
  if (group === "admin" && !/^https?:\/\//.test(downloadBase)) {
    throw new SiloError(
      "EXPORT_DOWNLOADS_NOT_CONFIGURED",
      "SILO_EXPORT_DOWNLOAD_BASE_URL must be the http(s) URL of this tenant's API's /v1/exports, which serves its export downloads",
    );
  }
  const deps: TenantDeps = {
    ...runtime.deps,
    exportStorage: databaseExportStorage({
      db: runtime.db,
      // The base is the API's `/v1/exports`; the file is served by its downloadExport route.
      downloadUrlFor: (exportId) => `${downloadBase.replace(/\/$/, "")}/${exportId}/download`,
    }),
  };
  const handler = createGroupHandler({
    group,
    tenantId: config.tenant.id,
    operations: groupOperations[group],
    deps,
    db: runtime.db,
    validateResponses: config.environment === "local" || config.environment === "test",
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  return Object.assign(handler, { close: runtime.close, deps });
}
