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
  /** Reserved concurrency: a cap (blast radius) and a guarantee. */
  readonly reservedConcurrency: number;
}

/**
 * Settings per tenant function. Each handler group may run `limits.reservedConcurrency` instances at once,
 * so one tenant's traffic can neither exhaust the account's concurrency nor be starved by another tenant.
 * Chat's timeout covers a model call (`SILO_MODEL_CALL_TIMEOUT_MS`, 28 s) inside API Gateway's 30 s; the
 * migration runs one at a time.
 *
 * @example
 * tenantFunctionSettings("chat", tenant).timeoutSeconds; // 30
 */
export function tenantFunctionSettings(
  fn: TenantFunction,
  tenant: Pick<TenantConfig, "limits">,
): FunctionSettings {
  const reservedConcurrency = tenant.limits.reservedConcurrency;
  switch (fn) {
    case "chat":
      return { memoryMb: 1024, timeoutSeconds: 30, reservedConcurrency };
    case "data":
      return { memoryMb: 512, timeoutSeconds: 15, reservedConcurrency };
    case "admin":
      return { memoryMb: 512, timeoutSeconds: 29, reservedConcurrency };
    case "migrate":
      return { memoryMb: 512, timeoutSeconds: 300, reservedConcurrency: 1 };
  }
}
