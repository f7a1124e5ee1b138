import type { TenantConfig } from "../../tenants/schema.ts";
import type { TenantFunction } from "../common/resourceNames.ts";

/** The runtime of every kit Lambda; the AWS SDK v3 warns on Node 20. */
export const lambdaRuntime = "nodejs22.x";

/** Graviton: cheaper per millisecond, and the bundles are pure JavaScript. */
export const lambdaArchitecture = "arm64";

/** Size and limits of one tenant Lambda. */
export interface FunctionSettings {
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /** Reserved concurrency: a cap (blast radius) and a guarantee; undefined draws on the account's pool. */
  readonly reservedConcurrency: number | undefined;
}

/** The chat Lambda's timeout: Lambda's and API Gateway's streaming maximum, 15 minutes. */
export const chatTimeoutSeconds = 900;

/** A regulated tenant reserves this much per handler group unless its file says otherwise. */
export const regulatedReservedConcurrency = 5;

/**
 * The reserved concurrency of each of a tenant's handler groups: `limits.reservedConcurrency`, else 5 for
 * tier regulated (its blast radius bounded and its capacity guaranteed), else none. Reserving is opt-in for
 * standard tenants because every reservation comes out of the account's concurrency quota, of which Lambda
 * keeps 100 unreserved: new accounts start with a low quota, and a fleet reserving by default could not
 * deploy (see reservedConcurrencyBudget.ts).
 *
 * @example
 * groupReservedConcurrency({ tier: "standard", limits: {} }); // undefined
 */
export function groupReservedConcurrency(
  tenant: Pick<TenantConfig, "tier"> & {
    readonly limits: Pick<TenantConfig["limits"], "reservedConcurrency">;
  },
): number | undefined {
  return (
    tenant.limits.reservedConcurrency ??
    (tenant.tier === "regulated" ? regulatedReservedConcurrency : undefined)
  );
}

/**
 * Settings per tenant function. A tenant that reserves concurrency ({@link groupReservedConcurrency}) may
 * run that many instances of each handler group at once, so its traffic can neither exhaust the account's
 * concurrency nor be starved by another tenant; the migration then reserves 1.
 * Chat's timeout is its streaming routes' integration timeout (15 minutes, API Gateway's maximum for
 * `responseTransferMode: STREAM`), so a long generation finishes; its buffered routes are cut by their own
 * 29 s integration timeout first. Data and admin answer inside their 29 s integrations; the migration runs
 * one at a time.
 *
 * @example
 * tenantFunctionSettings("chat", tenant).timeoutSeconds; // 900
 */
export function tenantFunctionSettings(
  fn: TenantFunction,
  tenant: Pick<TenantConfig, "limits" | "tier">,
): FunctionSettings {
  const reservedConcurrency = groupReservedConcurrency(tenant);
  switch (fn) {
    case "chat":
      return { memoryMb: 1024, timeoutSeconds: chatTimeoutSeconds, reservedConcurrency };
    case "data":
      return { memoryMb: 512, timeoutSeconds: 15, reservedConcurrency };
    case "admin":
      return { memoryMb: 512, timeoutSeconds: 29, reservedConcurrency };
    case "migrate":
      return { memoryMb: 512, timeoutSeconds: 300, reservedConcurrency: reservedConcurrency && 1 };
  }
}
