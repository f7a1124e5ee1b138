import { tenantResourceNames } from "../../../components/common/resourceNames.ts";
import { stackNameOf } from "../../../stacks/parseStackName.ts";

/**
 * The stack and names a restore works with, from the same decisions the stack is built from
 * (stacks/parseStackName.ts, components/common/resourceNames.ts).
 *
 * @example
 * restoreNames("acme", "staging").replacedIdentifier; // "staging-silo-acme-replaced"
 */
export function restoreNames(tenantId: string, environmentQualifier?: string) {
  const names = tenantResourceNames(tenantId, environmentQualifier);
  const identifier = names.databaseIdentifier;
  return {
    stackName: stackNameOf({ kind: "tenant", tenantId, environmentQualifier }),
    identifier,
    restoredIdentifier: `${identifier}-restore`,
    replacedIdentifier: `${identifier}-replaced`,
    migrateFunction: names.functionName("migrate"),
    /** What puts the stack's Lambdas in step with the restored instance. */
    deployCommand: `silo deploy --tenant ${tenantId}${environmentQualifier === undefined ? "" : ` --environment ${environmentQualifier}`}`,
  };
}
