import type { UsageLedger } from "../ledger/createUsageLedger.ts";
import { scaledDecimal } from "../ledger/scaledDecimal.ts";

/** One budget alert: the month's spend reached the tenant's alert threshold. */
export interface BudgetAlert {
  readonly level: "warn";
  readonly msg: "budget alert";
  readonly tenantId: string;
  readonly month: string;
  readonly spentUsd: string;
  readonly limitUsd: string;
  readonly alertThresholdPercent: number;
}

/**
 * Raises a budget alert once per month (per process) when a tenant's spend reaches its alert threshold:
 * one structured log line, which a CloudWatch metric filter turns into an alarm for the tenant's billing
 * contacts. Checked after settled calls, at most once a minute; a failed check never fails the call it follows.
 *
 * @example
 * const alerter = createBudgetAlerter(tenantId, ledger, (alert) => console.log(JSON.stringify(alert)));
 * await alerter.afterSettle();
 */
export function createBudgetAlerter(
  tenantId: string,
  ledger: UsageLedger,
  emit: (alert: BudgetAlert) => void,
  options: { readonly minIntervalMs?: number; readonly now?: () => number } = {},
) {
  const alertedMonths = new Set<string>();
  const minIntervalMs = options.minIntervalMs ?? 60_000;
  const now = options.now ?? Date.now;
  let lastCheckMs = Number.NEGATIVE_INFINITY;
  return {
    async afterSettle(): Promise<BudgetAlert | undefined> {
      // At most one budget read per interval: a busy tenant must not add a ledger query to every call.
      if (now() - lastCheckMs < minIntervalMs) return undefined;
      lastCheckMs = now();
      try {
        const budget = await ledger.budget();
        if (alertedMonths.has(budget.month)) return undefined;
        if (!thresholdReached(budget.spentUsd, budget.limitUsd, budget.alertThresholdPercent))
          return undefined;
        alertedMonths.add(budget.month);
        const alert: BudgetAlert = {
          level: "warn",
          msg: "budget alert",
          tenantId,
          month: budget.month,
          spentUsd: budget.spentUsd,
          limitUsd: budget.limitUsd,
          alertThresholdPercent: budget.alertThresholdPercent,
        };
        emit(alert);
        return alert;
      } catch {
        return undefined;
      }
    },
  };
}

/** spent >= limit * percent / 100, on decimal strings with six places, in integer micro-dollars. */
export function thresholdReached(spentUsd: string, limitUsd: string, percent: number): boolean {
  return scaledDecimal(spentUsd, 6) * 100n >= scaledDecimal(limitUsd, 6) * BigInt(percent);
}
