import { SiloError } from "../../runtime/core/errors/siloError.ts";
import type { TenantConfig } from "../../tenants/schema.ts";
import { tenantFunctions } from "../common/resourceNames.ts";
import { tenantFunctionSettings } from "./functionSettings.ts";

/** Lambda keeps this much of an account's concurrency unreserved (PutFunctionConcurrency refuses more). */
export const unreservedConcurrencyFloor = 100;

/** The concurrency a tenant's functions reserve together. */
export function tenantReservedConcurrency(tenant: Pick<TenantConfig, "limits" | "tier">): number {
  return tenantFunctions.reduce(
    (sum, fn) => sum + (tenantFunctionSettings(fn, tenant).reservedConcurrency ?? 0),
    0,
  );
}

/**
 * Checks, before anything is deployed, that the fleet's reservations fit the account: AWS refuses a
 * reservation that would leave less than 100 unreserved (`PutFunctionConcurrency`), which would stop a
 * `pulumi up` halfway through a tenant. Throws `RESERVED_CONCURRENCY_OVER_LIMIT` naming the total, the
 * limit, the largest reservations and the fixes.
 *
 * @example
 * checkReservedConcurrency(tenants, 1000); // throws when the tenants reserve more than 900
 */
export function checkReservedConcurrency(
  tenants: ReadonlyArray<Pick<TenantConfig, "id" | "limits" | "tier">>,
  accountConcurrencyLimit: number,
): void {
  const reservations = tenants
    .map((tenant) => ({ id: tenant.id, reserved: tenantReservedConcurrency(tenant) }))
    .filter((tenant) => tenant.reserved > 0)
    .sort((a, b) => b.reserved - a.reserved || a.id.localeCompare(b.id));
  const total = reservations.reduce((sum, tenant) => sum + tenant.reserved, 0);
  const available = accountConcurrencyLimit - unreservedConcurrencyFloor;
  if (total <= available) return;
  const largest = reservations
    .slice(0, 5)
    .map((tenant) => `${tenant.id} ${tenant.reserved}`)
    .join(", ");
  throw new SiloError(
    "RESERVED_CONCURRENCY_OVER_LIMIT",
    `the tenants reserve ${total} concurrent executions together (largest: ${largest}), but an account concurrency limit of ${accountConcurrencyLimit} leaves ${available} to reserve (Lambda keeps ${unreservedConcurrencyFloor} unreserved); fix: request a higher "Concurrent executions" quota in Service Quotas and set silo:accountConcurrencyLimit to it, or lower limits.reservedConcurrency (unset it for standard tenants)`,
  );
}
