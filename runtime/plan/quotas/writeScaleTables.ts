import { readFile, writeFile } from "node:fs/promises";
import { awsQuotas } from "./awsQuotas.ts";
import { planReferenceFleet } from "./referenceFleet.ts";
import {
  ceilingTableMarker,
  quotaTableMarker,
  renderCeilingTable,
  renderQuotaTable,
  withScaleTables,
} from "./renderScaleTables.ts";

// Regenerates the tables of docs/scale.md: `npx tsx runtime/plan/quotas/writeScaleTables.ts`.
const docs = new URL("../../../docs/scale.md", import.meta.url);
const { atDefaults, raised } = await planReferenceFleet();
await writeFile(
  docs,
  withScaleTables(await readFile(docs, "utf8"), {
    [quotaTableMarker]: renderQuotaTable(awsQuotas),
    [ceilingTableMarker]: renderCeilingTable(atDefaults, raised),
  }),
);
