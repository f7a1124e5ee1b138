import type { ResourceChanges } from "./stackWorkspaces.ts";

/** How one stack of a fleet run ended. */
export type StackResult = "succeeded" | "failed" | "not attempted";

/** One stack's line in the fleet report. */
export interface StackOutcome {
  readonly stackName: string;
  readonly result: StackResult;
  readonly changes: ResourceChanges;
  readonly durationMs: number;
  /** Where the run's full output went; none for a stack not attempted. */
  readonly logFile?: string;
  /** Why it failed or was not attempted, in one line. */
  readonly reason?: string;
}

/** What a fleet run did, stack by stack, in plan order. */
export interface FleetReport {
  readonly operation: "up" | "preview";
  readonly outcomes: readonly StackOutcome[];
}
