import { SiloError } from "../../runtime/core/errors/siloError.ts";
import type { TenantConfig } from "../../tenants/schema.ts";
import { toRuntimeTenant } from "../../tenants/toRuntimeTenant.ts";
import type { TenantFunction } from "../common/resourceNames.ts";

/** Where a database is; credentials stay in the secret `secretId` names, never in the environment. */
export interface DatabaseLocation {
  readonly host: string;
  readonly port: number;
  readonly name: string;
  readonly secretId: string;
}

/** What a tenant function's environment is made from. */
export interface TenantEnvironmentInput {
  readonly tenant: TenantConfig;
  /** `SILO_ENVIRONMENT`: `production` or `staging` in AWS. */
  readonly environment: string;
  readonly database: DatabaseLocation;
  readonly ledger: DatabaseLocation;
  /** Application inference profile ARN per Bedrock model key. */
  readonly modelProfileArns: Readonly<Record<string, string>>;
  readonly providerKeySecretPrefix: string;
  /** The tenant API's `/v1/exports`, whose `/{exportId}/download` serves export files (admin only). */
  readonly exportDownloadBaseUrl: string;
  /** Where the admin function writes exports over one response's size; without it they fail as too large. */
  readonly exportBucket?: { readonly name: string; readonly keyArn: string };
}

/** Lambda's limit on the total size of a function's environment variables (keys and values). */
export const maxEnvironmentBytes = 4096;

/**
 * The Lambda nodejs20.x+ runtimes no longer trust the RDS certificate authorities by default; this bundle
 * ships with the runtime and holds them, so `sslmode=require` with verification works.
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html
 */
export const rdsCaBundle = "/var/runtime/ca-cert.pem";

/**
 * The environment of one tenant function, in exactly the variables `loadTenantRuntimeConfig` (chat, data,
 * admin) or `loadDatabaseConfig` (migrate) read. Holds secret ids, never secret values, and the tenant file
 * without its contacts (tenants/toRuntimeTenant.ts). Fails when the variables exceed Lambda's 4 KB limit,
 * naming the size.
 *
 * @example
 * const variables = tenantFunctionEnvironment("chat", input);
 */
export function tenantFunctionEnvironment(
  fn: TenantFunction,
  input: TenantEnvironmentInput,
): Record<string, string> {
  const database = databaseVariables("SILO_DB_", input.database);
  const variables: Record<string, string> =
    fn === "migrate"
      ? { NODE_EXTRA_CA_CERTS: rdsCaBundle, ...database }
      : {
          NODE_EXTRA_CA_CERTS: rdsCaBundle,
          SILO_TENANT_ID: input.tenant.id,
          SILO_TENANT_CONFIG: JSON.stringify(toRuntimeTenant(input.tenant)),
          SILO_ENVIRONMENT: input.environment,
          ...database,
          ...databaseVariables("SILO_LEDGER_DB_", input.ledger),
          SILO_MODEL_PROFILE_ARNS: JSON.stringify(input.modelProfileArns),
          SILO_PROVIDER_KEY_SECRET_PREFIX: input.providerKeySecretPrefix,
          ...(fn === "admin" ? { SILO_EXPORT_DOWNLOAD_BASE_URL: input.exportDownloadBaseUrl } : {}),
          ...(fn === "admin" && input.exportBucket
            ? {
                SILO_EXPORT_BUCKET: input.exportBucket.name,
                SILO_EXPORT_KMS_KEY_ID: input.exportBucket.keyArn,
              }
            : {}),
        };
  checkEnvironmentSize(`${input.tenant.id} ${fn}`, variables);
  return variables;
}

/** Fails when `variables` exceed Lambda's limit. */
export function checkEnvironmentSize(
  functionLabel: string,
  variables: Readonly<Record<string, string>>,
): void {
  const bytes = Object.entries(variables).reduce(
    (total, [key, value]) => total + Buffer.byteLength(key) + Buffer.byteLength(value),
    0,
  );
  if (bytes > maxEnvironmentBytes) {
    throw new SiloError(
      "LAMBDA_ENVIRONMENT_TOO_LARGE",
      `the ${functionLabel} function's environment is ${bytes} bytes, over Lambda's ${maxEnvironmentBytes}; ` +
        "shorten the tenant file (SILO_TENANT_CONFIG holds it, without contacts, as JSON), e.g. fewer models",
    );
  }
}

function databaseVariables(prefix: string, location: DatabaseLocation): Record<string, string> {
  return {
    [`${prefix}HOST`]: location.host,
    [`${prefix}PORT`]: String(location.port),
    [`${prefix}NAME`]: location.name,
    [`${prefix}SECRET_ID`]: location.secretId,
    [`${prefix}SSL`]: "require",
  };
}

/**
 * The tenant API's `/v1/exports`, under which its export files are served (`GET
 * /v1/exports/{exportId}/download`, authorized like every route): through the shared domain's `/<tenant>`
 * mapping when there is one, else the API's own endpoint.
 *
 * @example
 * exportDownloadBaseUrl({ tenantId: "acme", domainName: "api.example.com" }); // "https://api.example.com/acme/v1/exports"
 */
export function exportDownloadBaseUrl(input: {
  readonly tenantId: string;
  readonly domainName?: string | undefined;
  readonly apiEndpoint?: string | undefined;
}): string {
  if (input.domainName) return `https://${input.domainName}/${input.tenantId}/v1/exports`;
  if (!input.apiEndpoint) {
    throw new SiloError(
      "EXPORT_BASE_URL_UNKNOWN",
      `tenant ${input.tenantId} has neither a shared domain nor an API endpoint to serve export downloads from`,
    );
  }
  return `${input.apiEndpoint.replace(/\/$/, "")}/v1/exports`;
}
