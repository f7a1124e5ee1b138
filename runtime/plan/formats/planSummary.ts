import type { PlannedStack, PlanReport } from "../planStacks.ts";

/** Counts of one stack or a whole plan, as every format prints them. */
export interface PlanCounts {
  readonly stacks: number;
  readonly resources: number;
  readonly mandatory: number;
  readonly advisory: number;
  /** Names and descriptions AWS would refuse (nameLimits/checkNameLimits.ts). */
  readonly nameFindings: number;
}

/** What a stack or plan adds up to; `mandatory > 0` or `nameFindings > 0` is what makes `silo plan` exit 1. */
export function planCounts(stacks: PlanReport["stacks"] | readonly PlannedStack[]): PlanCounts {
  let resources = 0;
  let mandatory = 0;
  let advisory = 0;
  let nameFindings = 0;
  for (const stack of stacks) {
    resources += stack.resources.length;
    nameFindings += stack.nameFindings.length;
    for (const violation of stack.violations) {
      if (violation.enforcementLevel === "mandatory") mandatory += 1;
      else advisory += 1;
    }
  }
  return { stacks: stacks.length, resources, mandatory, advisory, nameFindings };
}

/** `3 stacks, 310 resources: 0 mandatory violations, 1 advisory, 0 name findings`. */
export function describeCounts(counts: PlanCounts): string {
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  return (
    `${plural(counts.stacks, "stack")}, ${plural(counts.resources, "resource")}: ` +
    `${plural(counts.mandatory, "mandatory violation")}, ${counts.advisory} advisory, ` +
    plural(counts.nameFindings, "name finding")
  );
}
