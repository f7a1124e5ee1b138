import type { RecordedResource } from "../pulumiRecording.ts";
import type { AwsQuota, QuotaKind, QuotaScope } from "./awsQuota.ts";

/** One planned stack as the quota report sees it. */
export interface QuotaStack {
  readonly kind: "shared" | "tenant";
  readonly resources: readonly RecordedResource[];
  /** How many tenants the stack stands for: 1, or the count of synthetic tenants of its shape. */
  readonly tenants: number;
}

/** Where one quota stands for the planned fleet. */
export interface QuotaUsage {
  readonly id: string;
  readonly service: string;
  readonly name: string;
  readonly scope: QuotaScope;
  readonly kind: QuotaKind;
  readonly unit: string;
  /** The account's value: the default, or `silo:quotas`'s. */
  readonly value: number;
  readonly defaultValue: number;
  readonly adjustable: boolean;
  readonly url: string;
  readonly confirmed: boolean;
  /**
   * `ok`, `breached` (a capacity quota the fleet exceeds: the plan fails), `oversubscribed` (a shared rate
   * the tenants' limits add up beyond: reported only), or `runtime` (a request rate the plan cannot see).
   */
  readonly status: "ok" | "breached" | "oversubscribed" | "runtime";
  /** What the shared stack uses. */
  readonly shared: number;
  /** What one tenant uses on average over the planned tenants. */
  readonly perTenant: number;
  /** What the planned fleet uses in total (for a container quota: its fullest container). */
  readonly used: number;
  /** What the fleet may use: the value less any headroom AWS keeps (Lambda's 100 unreserved). */
  readonly usable: number;
  /** The most tenants of this mix the quota allows; null when tenants do not consume it. */
  readonly maxTenants: number | null;
  /** The tenant count at which it breaks (maxTenants + 1); null when it never does. */
  readonly breaksAtTenant: number | null;
  /** True when tenants add to a shared container here: a ceiling of the kit's own making. */
  readonly ownMaking: boolean;
}

/** The fleet's consumption of every quota, and which bind first. */
export interface QuotaReport {
  /** The tenants planned (synthetic ones included). */
  readonly tenants: number;
  readonly usages: readonly QuotaUsage[];
  /** Capacity quotas tenants consume, in the order they break (first to break first). */
  readonly binding: readonly QuotaUsage[];
}

/**
 * How much of each quota the planned stacks use, per account and Region (a plan is one of each), and at
 * which tenant count each breaks: shared use + per-tenant use x tenants, per-tenant use being the planned
 * tenants' average (the fleet grows in the same mix). Pure: the plan's stacks and the quota values in.
 *
 * @example
 * const report = fleetQuotaReport(awsQuotas, values, stacks);
 * report.binding[0]; // { id: "rds-db-instances", breaksAtTenant: 40, ... }
 */
export function fleetQuotaReport(
  quotas: readonly AwsQuota[],
  values: ReadonlyMap<string, number>,
  stacks: readonly QuotaStack[],
): QuotaReport {
  const tenants = stacks
    .filter((stack) => stack.kind === "tenant")
    .reduce((sum, stack) => sum + stack.tenants, 0);
  const usages = quotas.map((quota) =>
    usageOf(quota, values.get(quota.id) ?? quota.defaultValue, stacks, tenants),
  );
  const binding = usages
    .filter((usage) => usage.kind === "capacity" && usage.breaksAtTenant !== null)
    .sort((a, b) => (a.breaksAtTenant ?? 0) - (b.breaksAtTenant ?? 0) || a.id.localeCompare(b.id));
  return { tenants, usages, binding };
}

function usageOf(quota: AwsQuota, value: number, stacks: readonly QuotaStack[], tenants: number): QuotaUsage {
  const usable = value - (quota.headroom ?? 0);
  let shared = 0;
  let tenantTotal = 0;
  if (quota.measure !== undefined) {
    for (const stack of stacks) {
      const used = quota.measure(stack.resources, stack.kind);
      if (stack.kind === "shared") shared += used;
      else tenantTotal += used * stack.tenants;
    }
  }
  const perTenant = tenants === 0 ? 0 : tenantTotal / tenants;
  const used = shared + tenantTotal;
  // The largest n with shared + n x perTenant <= usable, in integers (tenantTotal / tenants is a fraction).
  const maxTenants =
    tenantTotal === 0 ? null : Math.max(0, Math.floor(((usable - shared) * tenants) / tenantTotal + 1e-9));
  const status =
    quota.measure === undefined
      ? "runtime"
      : used <= usable
        ? "ok"
        : quota.kind === "capacity"
          ? "breached"
          : "oversubscribed";
  return {
    id: quota.id,
    service: quota.service,
    name: quota.name,
    scope: quota.scope,
    kind: quota.kind,
    unit: quota.unit,
    value,
    defaultValue: quota.defaultValue,
    adjustable: quota.adjustable,
    url: quota.url,
    confirmed: quota.confirmed,
    status,
    shared,
    perTenant,
    used,
    usable,
    maxTenants,
    breaksAtTenant: maxTenants === null ? null : maxTenants + 1,
    ownMaking: quota.ownMaking && tenantTotal > 0,
  };
}

/**
 * What to do about a quota the fleet breaks, for the plan's failure and the docs: name it, its value, the
 * tenant count at which it breaks, and the fix.
 *
 * @example
 * describeQuotaBreach(usage, 60);
 * // 'quota "DB instances" (Amazon RDS ...): 40 per Region, the fleet needs 61 ... breaks at tenant 40; fix: ...'
 */
export function describeQuotaBreach(usage: QuotaUsage, tenants: number): string {
  const fix = usage.ownMaking
    ? "a ceiling of the kit's own making: tenants must not add to shared resources; fix the stacks (docs/scale.md)"
    : usage.adjustable
      ? `request an increase of "${usage.name}" in Service Quotas and set silo:quotas {"${usage.id}": <new value>}, or add a cell (docs/scale.md)`
      : `"${usage.name}" cannot be raised: add a cell, another account or Region (docs/scale.md)`;
  const headroom = usage.usable === usage.value ? "" : ` (${usage.usable} usable)`;
  return (
    `quota "${usage.name}" (${usage.service}): ${usage.value} ${usage.unit} per ${scopeWord(usage.scope)}${headroom}, ` +
    `the fleet needs ${round(usage.used)} (shared ${round(usage.shared)} + ${round(usage.perTenant)} per tenant x ` +
    `${tenants} tenants); ` +
    `it breaks at tenant ${usage.breaksAtTenant}; fix: ${fix}`
  );
}

function scopeWord(scope: QuotaScope): string {
  return scope === "container" ? "container" : scope === "account" ? "account" : "Region";
}

/** Figures as the reports print them: whole numbers as such, fractions to two places. */
export function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
