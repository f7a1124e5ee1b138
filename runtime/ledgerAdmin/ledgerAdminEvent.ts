import { isTenantId, tenantIdRule } from "../../tenants/tenantId.ts";
import { SiloError } from "../core/errors/siloError.ts";
import { isStringMap } from "../core/json/isStringMap.ts";

/** Enroll one tenant in the usage ledger (what each tenant stack asks on deploy). */
export interface LedgerEnrollmentRequest {
  readonly tenantId: string;
  /** Initial monthly budget; a budget already registered (changed through the API) is kept. */
  readonly monthlyBudgetUsd: number | string;
  /** @default 0 */
  readonly markupPercent: number | string;
}

/** Disable one tenant's ledger role and keep its rows (what a tenant stack's destroy asks). */
export interface LedgerDisableRequest {
  readonly action: "disable";
  readonly tenantId: string;
}

/** Expire the dangling reservations of every tenant (what the shared stack's schedule asks). */
export interface LedgerSweepRequest {
  readonly action: "sweep";
}

/** What the ledger-admin Lambda is asked to do: enroll or disable one tenant, or sweep the ledger. */
export type LedgerAdminEvent =
  | ({ readonly action: "enroll" } & LedgerEnrollmentRequest)
  | LedgerDisableRequest
  | LedgerSweepRequest;

/**
 * The enrollment input a tenant stack gives its `aws.lambda.Invocation`. `revision` holds the values whose
 * change must enroll the tenant again (the ledger secret's version, the ledger admin's code); the handler
 * ignores them.
 */
export interface LedgerEnrollmentInput {
  readonly tenantId: string;
  readonly monthlyBudgetUsd: number | string;
  readonly revision?: Readonly<Record<string, string>>;
}

/** The event the sweep schedule sends; the schedule's target input is this object as JSON. */
export const ledgerSweepEvent: LedgerSweepRequest = { action: "sweep" };

/**
 * The key under which `aws.lambda.Invocation` with `lifecycleScope: "CRUD"` adds
 * `{"action": "create" | "update" | "delete", "prev_input": {...} | null}` to the input (its `terraformKey`).
 */
export const ledgerLifecycleKey = "tf";

const actions = ["enroll", "sweep"] as const;
const lifecycleActions = ["create", "update", "delete"] as const;
const decimal = /^\d{1,12}(\.\d{1,6})?$/;

/**
 * Validates the invocation event: `{"tenantId": "acme-health", "monthlyBudgetUsd": 25000}` as the tenant
 * stack sends it (`action` defaults to `enroll`), with the lifecycle object the invocation adds
 * (`"tf": {"action": "create" | "update" | "delete", "prev_input": ...}`: create and update enroll, delete
 * disables), or `{"action": "sweep"}` as the sweep schedule sends it. Fails with every problem named
 * (`LEDGER_ADMIN_EVENT_INVALID`).
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
    revision,
    [ledgerLifecycleKey]: lifecycle,
  } = event as Record<string, unknown>;
  if (action === "sweep" && lifecycle === undefined) return ledgerSweepEvent;
  if (action !== "enroll") {
    throw invalid([
      action === "sweep"
        ? `a sweep event carries no "${ledgerLifecycleKey}" lifecycle object`
        : `action must be one of ${actions.join(", ")}, got ${JSON.stringify(action)}`,
    ]);
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
  if (revision !== undefined && !isStringMap(revision)) {
    problems.push(`revision must be an object of strings, got ${JSON.stringify(revision)}`);
  }
  const lifecycleAction = parseLifecycle(lifecycle, problems);
  if (problems.length > 0) throw invalid(problems);
  if (lifecycleAction === "delete") return { action: "disable", tenantId: tenantId as string };
  return {
    action: "enroll",
    tenantId: tenantId as string,
    monthlyBudgetUsd: monthlyBudgetUsd as number | string,
    markupPercent: markupPercent as number | string,
  };
}

/** The lifecycle action of an invocation with CRUD scope; `create` when invoked without one (by hand). */
function parseLifecycle(lifecycle: unknown, problems: string[]): (typeof lifecycleActions)[number] {
  if (lifecycle === undefined) return "create";
  if (typeof lifecycle !== "object" || lifecycle === null || Array.isArray(lifecycle)) {
    problems.push(
      `${ledgerLifecycleKey} must be the invocation's lifecycle object {"action": ..., "prev_input": ...}, got ${JSON.stringify(lifecycle)}`,
    );
    return "create";
  }
  // Other keys the provider may add are not read, so they are let through.
  const { action, prev_input: previousInput } = lifecycle as Record<string, unknown>;
  if (
    previousInput !== undefined &&
    previousInput !== null &&
    (typeof previousInput !== "object" || Array.isArray(previousInput))
  ) {
    problems.push(
      `${ledgerLifecycleKey}.prev_input must be an object or null, got ${JSON.stringify(previousInput)}`,
    );
  }
  if (!lifecycleActions.includes(action as never)) {
    problems.push(
      `${ledgerLifecycleKey}.action must be one of ${lifecycleActions.join(", ")}, got ${JSON.stringify(action) ?? "nothing"}`,
    );
    return "create";
  }
  return action as (typeof lifecycleActions)[number];
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
