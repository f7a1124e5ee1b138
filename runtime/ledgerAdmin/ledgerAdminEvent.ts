import { isTenantId, tenantIdRule } from "../../tenants/tenantId.ts";
import { SiloError } from "../core/errors/siloError.ts";

/** Enroll one tenant in the usage ledger (what each tenant stack asks on deploy). */
export interface LedgerEnrollmentRequest {
  readonly tenantId: string;
  /** Initial monthly budget; a budget already registered (changed through the API) is kept. */
  readonly monthlyBudgetUsd: number | string;
  /** @default 0 */
  readonly markupPercent: number | string;
}

/** Expire the dangling reservations of every tenant (what the shared stack's schedule asks). */
export interface LedgerSweepRequest {
  readonly action: "sweep";
}

/** What the ledger-admin Lambda is asked to do: enroll one tenant, or sweep the ledger. */
export type LedgerAdminEvent = ({ readonly action: "enroll" } & LedgerEnrollmentRequest) | LedgerSweepRequest;

/** The event the sweep schedule sends; the schedule's target input is this object as JSON. */
export const ledgerSweepEvent: LedgerSweepRequest = { action: "sweep" };

const actions = ["enroll", "sweep"] as const;
const decimal = /^\d{1,12}(\.\d{1,6})?$/;

/**
 * Validates the invocation event: `{"tenantId": "acme-health", "monthlyBudgetUsd": 25000}` as the tenant
 * stack sends it (`action` defaults to `enroll`), or `{"action": "sweep"}` as the sweep schedule sends it.
 * Fails with every problem named (`LEDGER_ADMIN_EVENT_INVALID`).
 *
 * @example
 * const request = parseLedgerAdminEvent(event);
 */
export function parseLedgerAdminEvent(event: unknown): LedgerAdminEvent {
  if (typeof event !== "object" || event === null || Array.isArray(event)) {
    throw invalid([
      'the event must be a JSON object such as {"tenantId": "acme", "monthlyBudgetUsd": 100} or {"action": "sweep"}',
    ]);
  }
  const {
    action = "enroll",
    tenantId,
    monthlyBudgetUsd,
    markupPercent = 0,
  } = event as Record<string, unknown>;
  if (action === "sweep") return ledgerSweepEvent;
  if (action !== "enroll") {
    throw invalid([`action must be one of ${actions.join(", ")}, got ${JSON.stringify(action)}`]);
  }
  const problems: string[] = [];
  if (!isTenantId(tenantId)) {
    problems.push(
      `tenantId must be a tenant id (${tenantIdRule}), got ${JSON.stringify(tenantId) ?? "nothing"}`,
    );
  }
  if (!isAmount(monthlyBudgetUsd)) {
    problems.push(
      `monthlyBudgetUsd must be a non-negative amount in US dollars, got ${JSON.stringify(monthlyBudgetUsd) ?? "nothing"}`,
    );
  }
  if (!isAmount(markupPercent)) {
    problems.push(`markupPercent must be a non-negative percentage, got ${JSON.stringify(markupPercent)}`);
  }
  if (problems.length > 0) throw invalid(problems);
  return {
    action: "enroll",
    tenantId: tenantId as string,
    monthlyBudgetUsd: monthlyBudgetUsd as number | string,
    markupPercent: markupPercent as number | string,
  };
}

function isAmount(value: unknown): value is number | string {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 && value < 1e12;
  return typeof value === "string" && decimal.test(value);
}

function invalid(problems: readonly string[]): SiloError {
  return new SiloError(
    "LEDGER_ADMIN_EVENT_INVALID",
    `the ledger-admin event is invalid:\n${problems.map((problem) => `- ${problem}`).join("\n")}`,
  );
}
