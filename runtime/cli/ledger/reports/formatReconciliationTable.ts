import { tenantCostAllocationTagKey } from "./costAllocationTag.ts";
import { formatTextTable } from "./formatTextTable.ts";
import type { CurBedrockUsage } from "./readCurLineItems.ts";
import type { Reconciliation } from "./reconcileWithCur.ts";

/** The label of the unattributed row, in the table and in messages. */
export const unattributedLabel = "(unattributed)";

/**
 * A reconciliation as plain text for a terminal or a CI log: what was read from the CUR, the per-tenant
 * difference table with the unattributed Bedrock cost on its own row, the entries needing reconciliation
 * per tenant, and the verdict.
 *
 * @example
 * context.out(formatReconciliationTable(reconciliation, usage.counts));
 */
export function formatReconciliationTable(
  reconciliation: Reconciliation,
  counts: CurBedrockUsage["counts"],
): string {
  const { tolerance } = reconciliation;
  const table = formatTextTable(
    [
      { header: "TENANT" },
      { header: "LEDGER USD", align: "right" },
      { header: "CUR USD", align: "right" },
      { header: "DIFFERENCE", align: "right" },
      { header: "PERCENT", align: "right" },
      { header: "TO RECONCILE", align: "right" },
      { header: "STATUS" },
    ],
    [
      ...reconciliation.tenants.map((tenant) => [
        tenant.tenantId,
        tenant.ledgerUsd,
        tenant.curUsd,
        tenant.differenceUsd,
        tenant.differencePercent === null ? "-" : `${tenant.differencePercent}%`,
        String(tenant.flaggedEntries),
        tenant.exceedsTolerance ? "MISMATCH" : "ok",
      ]),
      [
        unattributedLabel,
        "-",
        reconciliation.unattributed.costUsd,
        reconciliation.unattributed.costUsd,
        "-",
        "-",
        reconciliation.unattributed.exceedsTolerance ? "UNATTRIBUTED" : "ok",
      ],
    ],
  );

  const flagged =
    reconciliation.flaggedEntries.length === 0
      ? "No ledger entries need reconciliation.\n"
      : "Entries needing reconciliation (expired reservations: the process died between reserve and settle,\n" +
        "so the ledger does not know what the call cost; AWS may still have billed it):\n\n" +
        formatTextTable(
          [
            { header: "TENANT" },
            { header: "ENTRY" },
            { header: "REQUEST" },
            { header: "MODEL" },
            { header: "STATUS" },
            { header: "ESTIMATE USD", align: "right" },
            { header: "SETTLED USD", align: "right" },
            { header: "RESERVED AT" },
          ],
          reconciliation.flaggedEntries.map((entry) => [
            entry.tenantId,
            entry.id,
            entry.requestId,
            entry.modelKey,
            entry.status,
            entry.estimatedCostUsd,
            entry.providerCostUsd ?? "-",
            entry.reservedAt,
          ]),
        );

  const mismatched = reconciliation.tenants.filter((tenant) => tenant.exceedsTolerance);
  const problems = [
    ...(mismatched.length > 0
      ? [
          `${mismatched.length} tenant(s) differ beyond both tolerances: ${mismatched.map((tenant) => tenant.tenantId).join(", ")}`,
        ]
      : []),
    ...(reconciliation.unattributed.exceedsTolerance
      ? [
          `${reconciliation.unattributed.costUsd} USD of Bedrock usage carries no ${tenantCostAllocationTagKey} tag (called outside the tenants' inference profiles)`,
        ]
      : []),
  ];
  const verdict =
    problems.length === 0
      ? `Result: reconciled within ${tolerance.usd} USD or ${tolerance.percent}% for every tenant.\n`
      : `Result: NOT reconciled. ${problems.join("; ")}.\n`;

  return (
    `Bedrock cost ${reconciliation.month}: usage ledger (provider cost) vs AWS Cost and Usage Report\n` +
    `CUR: ${counts.lineItems} line items read, ${counts.bedrockUsage} Bedrock usage in ${reconciliation.month} ` +
    `(skipped: ${counts.otherProducts} other services, ${counts.otherLineItemTypes} non-usage Bedrock, ` +
    `${counts.otherMonths} other months)\n` +
    `Tolerance: a tenant fails when its difference exceeds both ${tolerance.usd} USD and ${tolerance.percent}% of its CUR cost\n\n` +
    `${table}\n${flagged}\n${verdict}`
  );
}
