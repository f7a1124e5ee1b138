import { actionMatches } from "../../analysis/matchAction.ts";
import type { NormalisedStatement } from "../../analysis/normaliseStatements.ts";

/** The KMS actions that use a key on data or hand that use on (a grant), lower-case. */
const useActions = [
  "kms:decrypt",
  "kms:encrypt",
  "kms:reencryptfrom",
  "kms:reencryptto",
  "kms:generatedatakey",
  "kms:generatedatakeywithoutplaintext",
  "kms:generatedatakeypair",
  "kms:generatedatakeypairwithoutplaintext",
  "kms:generatemac",
  "kms:sign",
  "kms:derivesharedsecret",
  "kms:creategrant",
];

/**
 * The actions of a statement that use the key, as written: a use action itself, or a wildcard that covers
 * one (`kms:*`, `kms:Re*`, `*`). Administration (`kms:DescribeKey`, `kms:PutKeyPolicy`) is not use.
 *
 * @example
 * keyUseActions(["kms:Describe*", "kms:Decrypt", "kms:GenerateDataKey*"]); // ["kms:Decrypt", "kms:GenerateDataKey*"]
 */
export function keyUseActions(actions: readonly string[]): string[] {
  return actions.filter((action) => useActions.some((use) => actionMatches(action, use)));
}

/**
 * The key use a statement grants, as its message names it: its use actions as written, or for a statement
 * with `NotAction` that leaves some use action, `every action but ... (NotAction)`.
 *
 * @example
 * statementKeyUse({ ...statement, notActions: ["kms:ScheduleKeyDeletion"] }); // ['every action but "kms:ScheduleKeyDeletion" (NotAction)']
 */
export function statementKeyUse(statement: NormalisedStatement): string[] {
  if (statement.notActions.length === 0) return keyUseActions(statement.actions);
  const leavesUse = useActions.some(
    (use) => !statement.notActions.some((action) => actionMatches(action, use)),
  );
  return leavesUse
    ? [
        `every action but ${statement.notActions.map((action) => JSON.stringify(action)).join(", ")} (NotAction)`,
      ]
    : [];
}

/** Whether every one of `actions` is `kms:CreateGrant`, exactly. */
export function onlyCreatesGrants(actions: readonly string[]): boolean {
  return actions.every((action) => action.toLowerCase() === "kms:creategrant");
}
