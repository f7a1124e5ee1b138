import { withStatement } from "./withStatement.ts";

/**
 * A policy resource's inputs with one more statement in its `policy`, or undefined when it has no readable
 * one: the shape of most IAM rules' `mutations` (siloPolicy.ts).
 *
 * @example
 * addGrant({ role: "r", policy: '{"Statement":[]}' }, { Effect: "Allow", Action: "kms:*", Resource: "*" });
 */
export function addGrant(
  inputs: Readonly<Record<string, unknown>>,
  statement: Readonly<Record<string, unknown>>,
): Record<string, unknown> | undefined {
  const policy = withStatement(inputs.policy, statement);
  return policy === undefined ? undefined : { ...inputs, policy };
}
