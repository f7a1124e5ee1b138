import type { CarriedPolicyDocument } from "../../analysis/policyDocuments.ts";

/**
 * Where a document comes from, for a violation message: nothing for a resource's own `policy`, ` in <input>`
 * for another input (`inlinePolicies[0].policy`), and ` through <input> = <name> (<summary>)` for a managed
 * policy attached by ARN.
 *
 * @example
 * documentOrigin({ kind: "managed", property: "policyArn", managedPolicy: administratorAccess, ... });
 * // " through policyArn = AdministratorAccess (every action on every resource)"
 */
export function documentOrigin(document: CarriedPolicyDocument): string {
  if (document.kind === "managed") {
    const named = document.managedPolicy
      ? `${document.managedPolicy.name} (${document.managedPolicy.summary})`
      : "";
    return ` through ${document.property}${named ? ` = ${named}` : ""}`;
  }
  return document.property === "policy" ? "" : ` in ${document.property}`;
}
