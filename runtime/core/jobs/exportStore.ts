import { randomUUID } from "node:crypto";
import type { SqlExecutor } from "../db/sqlDatabase.ts";
import { ResourceNotFoundError } from "../errors/resourceNotFoundError.ts";
import { exactTimestamp } from "../pagination/keysetCursor.ts";
import { listNewestFirst } from "../pagination/listNewestFirst.ts";
import type { exportResources } from "./exportResources.ts";
import type { ExportDownload } from "./exportStorage.ts";
import { type JobError, type JobRow, type JobState, jobStateOf } from "./jobState.ts";

/** What an export can hold (`exportResources`, in the order an export file lists them). */
export type ExportResource = (typeof exportResources)[number];

/** An export job as the API returns it. */
export interface ExportJob extends JobState {
  readonly id: string;
  readonly resources: ExportResource[];
  /** Set once succeeded, until the link expires. */
  readonly download: ExportDownload | null;
}

interface ExportRow extends JobRow {
  resources: ExportResource[];
  download_url: string | null;
  download_expires_at: Date | null;
  size_bytes: number | null;
  sha256: string | null;
}

// Never the content column: a list must not read every export's file.
const columns = `id, resources, status, created_at, started_at, completed_at, error_code, error_message,
  download_url, download_expires_at, size_bytes, sha256, ${exactTimestamp("created_at")} AS sort_key`;

function toExportJob(row: ExportRow, now: Date): ExportJob {
  const linkValid =
    row.status === "succeeded" &&
    row.download_url !== null &&
    row.download_expires_at !== null &&
    row.download_expires_at > now;
  return {
    id: row.id,
    resources: row.resources,
    ...jobStateOf(row),
    download: linkValid
      ? {
          url: row.download_url as string,
          expiresAt: (row.download_expires_at as Date).toISOString(),
          sizeBytes: row.size_bytes ?? 0,
          sha256: row.sha256 ?? "",
        }
      : null,
  };
}

/** Export jobs (`data_exports`) in the tenant's own database. */
export const exportStore = {
  async create(db: SqlExecutor, input: { resources: readonly ExportResource[]; requestedBy: string }) {
    const { rows } = await db.query<ExportRow>(
      `INSERT INTO data_exports (id, resources, status, requested_by) VALUES ($1, $2, 'pending', $3)
       RETURNING ${columns}`,
      [randomUUID(), input.resources, input.requestedBy.slice(0, 256)],
    );
    return toExportJob(rows[0] as ExportRow, new Date());
  },

  async markRunning(db: SqlExecutor, id: string): Promise<void> {
    await db.query("UPDATE data_exports SET status = 'running', started_at = now() WHERE id = $1", [id]);
  },

  async markSucceeded(db: SqlExecutor, id: string, download: ExportDownload): Promise<void> {
    await db.query(
      `UPDATE data_exports SET status = 'succeeded', completed_at = now(), download_url = $2,
         download_expires_at = $3::timestamptz, size_bytes = $4, sha256 = $5
       WHERE id = $1`,
      [id, download.url, download.expiresAt, download.sizeBytes, download.sha256],
    );
  },

  async markFailed(db: SqlExecutor, id: string, error: JobError): Promise<void> {
    await db.query(
      `UPDATE data_exports SET status = 'failed', completed_at = now(), error_code = $2, error_message = $3,
         content = NULL
       WHERE id = $1`,
      [id, error.code, error.message],
    );
  },

  /** `now` decides whether the download link has expired. */
  async get(db: SqlExecutor, id: string, now: Date): Promise<ExportJob> {
    const { rows } = await db.query<ExportRow>(`SELECT ${columns} FROM data_exports WHERE id = $1`, [id]);
    if (!rows[0]) throw new ResourceNotFoundError("export", id);
    return toExportJob(rows[0], now);
  },

  /** Newest first. */
  async list(db: SqlExecutor, page: { limit: number; cursor?: string }, now: Date) {
    return listNewestFirst<ExportRow, ExportJob>(db, "data_exports", columns, page, (row) =>
      toExportJob(row, now),
    );
  },
};
