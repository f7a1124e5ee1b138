import { SiloError } from "../errors/siloError.ts";

/** Where an asynchronous job is: `pending`, `running`, then `succeeded` or `failed`. */
export type JobStatus = "pending" | "running" | "succeeded" | "failed";

/** Why a job failed: a stable code and a message naming the fix. */
export interface JobError {
  readonly code: string;
  readonly message: string;
}

/** The fields every job shares, as the API returns them (`jobFields` in schemas/jobs.ts). */
export interface JobState {
  readonly status: JobStatus;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly completedAt: string | null;
  readonly error: JobError | null;
}

/** The columns every job table shares (data_exports, data_deletions). */
export interface JobRow {
  id: string;
  status: JobStatus;
  created_at: Date;
  started_at: Date | null;
  completed_at: Date | null;
  error_code: string | null;
  error_message: string | null;
  /** created_at with microseconds: the exact keyset position. */
  sort_key: string;
}

/** The shared job fields of a job row. */
export function jobStateOf(row: JobRow): JobState {
  return {
    status: row.status,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    completedAt: row.completed_at?.toISOString() ?? null,
    error:
      row.status === "failed"
        ? { code: row.error_code ?? "JOB_FAILED", message: row.error_message ?? "the job failed" }
        : null,
  };
}

const maxJobErrorChars = 2000;

/**
 * What a failed job reports. A kit error keeps its code and message (they name the thing and the fix and
 * carry no internals); anything else is reported by `fallbackCode` and the request id only, because its
 * message may hold SQL or paths.
 *
 * @example
 * jobErrorOf(new Error("connection reset"), "EXPORT_FAILED", requestId);
 * // { code: "EXPORT_FAILED", message: "the job failed unexpectedly; quote request id ... when reporting it" }
 */
export function jobErrorOf(error: unknown, fallbackCode: string, requestId: string): JobError {
  if (error instanceof SiloError) {
    return { code: error.code, message: error.message.slice(0, maxJobErrorChars) };
  }
  return {
    code: fallbackCode,
    message: `the job failed unexpectedly; quote request id ${requestId.slice(0, 128)} when reporting it`,
  };
}
