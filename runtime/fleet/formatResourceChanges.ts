import type { ResourceChanges } from "./stackWorkspaces.ts";

/** The order operations are listed in: what changes first, `same` last. */
const operationOrder = ["create", "update", "replace", "delete", "import", "same"];

/**
 * One line for a run's resource changes, zero counts left out.
 *
 * @example
 * formatResourceChanges({ same: 40, create: 2, update: 1 }); // "2 create, 1 update, 40 same"
 * formatResourceChanges({}); // "-"
 */
export function formatResourceChanges(changes: ResourceChanges): string {
  const counts = Object.entries(changes).filter(
    (entry): entry is [string, number] => typeof entry[1] === "number" && entry[1] > 0,
  );
  if (counts.length === 0) return "-";
  const rank = (operation: string) => {
    const index = operationOrder.indexOf(operation);
    return index === -1 ? operationOrder.length - 1 : index;
  };
  return counts
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([operation, count]) => `${count} ${operation}`)
    .join(", ");
}
