import { SiloError } from "../../core/errors/siloError.ts";
import { databaseExportStorage } from "../../core/jobs/databaseExportStorage.ts";
import type { ExportObjectStore } from "../../core/jobs/exportObjectStore.ts";
import { s3ExportObjectStore } from "../../core/jobs/s3ExportObjectStore.ts";
import { tieredExportStorage } from "../../core/jobs/tieredExportStorage.ts";
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
 * Exports over one response's size go to the tenant's export bucket (`SILO_EXPORT_BUCKET`, encrypted with
 * `SILO_EXPORT_KMS_KEY_ID`), or to `options.exportObjects` (the local platform's folder); without either, an
 * export over 4 MiB fails with EXPORT_TOO_LARGE.
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
    readonly exportObjects?: ExportObjectStore;
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
  const exportObjects = options.exportObjects ?? exportObjectsFromEnv(env);
  const storageArgs = {
    db: runtime.db,
    // The base is the API's `/v1/exports`; the file is served by its downloadExport route.
    downloadUrlFor: (exportId: string) => `${downloadBase.replace(/\/$/, "")}/${exportId}/download`,
  };
  const deps: TenantDeps = {
    ...runtime.deps,
    exportStorage: exportObjects
      ? tieredExportStorage({ ...storageArgs, objects: exportObjects })
      : databaseExportStorage(storageArgs),
  };
  const handler = createGroupHandler({
    group,
    tenantId: config.tenant.id,
    operations: groupOperations[group],
    deps,
    db: runtime.db,
    validateResponses: config.environment === "local" || config.environment === "test",
    allowedOrigins: config.tenant.cors.allowedOrigins,
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  return Object.assign(handler, { close: runtime.close, deps });
}

/** The tenant's export bucket from the Lambda's environment, when the stack gave it one. */
function exportObjectsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): ExportObjectStore | undefined {
  const bucket = env.SILO_EXPORT_BUCKET;
  if (bucket === undefined || bucket === "") return undefined;
  const kmsKeyId = env.SILO_EXPORT_KMS_KEY_ID;
  if (kmsKeyId === undefined || kmsKeyId === "") {
    throw new SiloError(
      "EXPORT_DOWNLOADS_NOT_CONFIGURED",
      `SILO_EXPORT_BUCKET is ${bucket} but SILO_EXPORT_KMS_KEY_ID is not set; it must be the tenant key's ARN, which the bucket requires`,
    );
  }
  return s3ExportObjectStore({ bucket, kmsKeyId });
}
