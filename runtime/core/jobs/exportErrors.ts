import { SiloError } from "../errors/siloError.ts";
import type { ExportJob } from "./exportStore.ts";

/** An export that has no file to download (yet, or any more): still running, failed, or its link expired. */
export class ExportNotDownloadableError extends SiloError {
  constructor(job: Pick<ExportJob, "id" | "status" | "error">) {
    super("EXPORT_NOT_DOWNLOADABLE", ExportNotDownloadableError.reasonFor(job));
  }

  private static reasonFor(job: Pick<ExportJob, "id" | "status" | "error">): string {
    switch (job.status) {
      case "pending":
      case "running":
        return `export ${job.id} is ${job.status}; poll GET /v1/exports/${job.id} until its status is succeeded, then download it`;
      case "failed":
        return `export ${job.id} failed (${job.error?.code ?? "EXPORT_FAILED"}) and has no file; start a new one with POST /v1/exports`;
      case "succeeded":
        return `the download of export ${job.id} has expired; start a new export with POST /v1/exports`;
    }
  }
}

/** An export file larger than the API can return in one response (`maxExportDownloadBytes`). */
export class ExportTooLargeError extends SiloError {
  constructor(exportId: string, sizeBytes: number, maxBytes: number) {
    super(
      "EXPORT_TOO_LARGE",
      `export ${exportId} is ${sizeBytes} bytes; the API returns at most ${maxBytes} bytes per download. ` +
        'Export fewer resources at a time, e.g. {"resources":["conversations","messages"]}, or keep exports in S3 storage',
    );
  }
}
