import { InvalidArgumentError } from "commander";
import { isTenantId, tenantIdRule } from "../../../tenants/tenantId.ts";

/** `--data-dir`, as every local-platform command takes it. */
export const dataDirOption = [
  "--data-dir <dir>",
  "the local platform's data directory (SILO_DATA_DIR)",
] as const;

/** The formats `silo local-db query` writes. */
export const localDbQueryFormats = ["table", "tsv", "json"] as const;

/** `--tenant ID` / `--database ledger|ID`: a well-formed tenant id (or `ledger` where allowed). */
export function parseTenantTarget(allowLedger: boolean) {
  return (value: string): string => {
    if ((allowLedger && value === "ledger") || isTenantId(value)) return value;
    throw new InvalidArgumentError(
      `"${value}" is not ${allowLedger ? '"ledger" or ' : ""}a tenant id (${tenantIdRule})`,
    );
  };
}

/** `--name`: 1-20 characters of a-z, 0-9 and `-`, starting with a letter or digit. */
export function parseSnapshotName(value: string): string {
  if (!/^[a-z0-9][a-z0-9-]{0,19}$/.test(value)) {
    throw new InvalidArgumentError(
      `"${value}" is not a snapshot name: use 1-20 characters of a-z, 0-9 and -, e.g. before-incident`,
    );
  }
  return value;
}
