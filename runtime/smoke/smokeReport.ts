/** How one check ended. */
export type CheckStatus = "pass" | "fail" | "skip";

/** What a check found: its status and one line saying why. */
export interface CheckOutcome {
  readonly status: CheckStatus;
  /** One line: what was seen, or why the check failed or was skipped. */
  readonly detail: string;
}

/** One named case of the suite. */
export interface CheckResult extends CheckOutcome {
  /** Stable name, e.g. `data: health` or `isolation: token of acme-health`. */
  readonly name: string;
  /** The tenant whose API was called; absent for checks that are not about one tenant. */
  readonly tenant?: string;
}

/** The outcome of a whole run of `silo smoke`; its JSON form is the `--format json` output. */
export interface SmokeReport {
  readonly url: string;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly checks: readonly CheckResult[];
}

/** A passing outcome. */
export function pass(detail: string): CheckOutcome {
  return { status: "pass", detail };
}

/** A failing outcome. */
export function fail(detail: string): CheckOutcome {
  return { status: "fail", detail };
}

/** An outcome for a check that could not run, or would prove nothing. */
export function skip(detail: string): CheckOutcome {
  return { status: "skip", detail };
}

/**
 * Counts a run's checks into its report.
 *
 * @example
 * summarizeChecks("http://127.0.0.1:8080", checks).failed; // 0 when every check passed or was skipped
 */
export function summarizeChecks(url: string, checks: readonly CheckResult[]): SmokeReport {
  const count = (status: CheckStatus) => checks.filter((check) => check.status === status).length;
  return { url, passed: count("pass"), failed: count("fail"), skipped: count("skip"), checks };
}
