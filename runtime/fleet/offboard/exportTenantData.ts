import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { SiloError } from "../../core/errors/siloError.ts";

/** What {@link exportTenantData} needs. */
export interface ExportTenantDataArgs {
  /** The tenant's API base URL (the stack output `url`), without `/v1`. */
  readonly baseUrl: string;
  /** An access token of the tenant with scope `data:export`. */
  readonly token: string;
  /** Where the export file goes. */
  readonly file: string;
  /** An export started by an earlier run, to follow instead of starting a new one. */
  readonly exportId?: string;
  /** Called with the export id as soon as it is known, so a re-run can resume it. */
  readonly onStarted?: (exportId: string) => Promise<void>;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** @default 3000 */
  readonly pollIntervalMs?: number;
  /** @default 30 minutes */
  readonly timeoutMs?: number;
  /** @default a timer */
  readonly sleep?: (milliseconds: number) => Promise<void>;
}

interface ExportJob {
  id: string;
  status: "pending" | "running" | "succeeded" | "failed";
  error: { code: string; message: string } | null;
  download: { url: string; sha256: string; sizeBytes: number } | null;
}

/**
 * Exports all the tenant's data through its own API (`POST /v1/exports`, then `GET /v1/exports/{id}` until
 * it succeeds), downloads the file from the job's `download.url` (the API's `GET
 * /v1/exports/{id}/download`) and checks its SHA-256 against the job's. The POST carries an
 * `Idempotency-Key`, so a retried request does not start a second export. The token goes only to the
 * tenant's own API: a download link elsewhere (e.g. a pre-signed S3 link) is fetched without it.
 *
 * @example
 * const { exportId, sha256 } = await exportTenantData({ baseUrl, token, file: ".silo/offboard/acme/export.jsonl" });
 */
export async function exportTenantData(
  args: ExportTenantDataArgs,
): Promise<{ exportId: string; file: string; sha256: string; sizeBytes: number }> {
  const fetchFn = args.fetch ?? fetch;
  const sleep = args.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const base = `${args.baseUrl.replace(/\/$/, "")}/v1/exports`;
  const authorization = { authorization: `Bearer ${args.token}` };
  const call = async (url: string, init: RequestInit = {}, sendToken = true) => {
    const headers = {
      ...(sendToken ? authorization : {}),
      accept: "application/json",
      ...(init.headers ?? {}),
    };
    const response = await fetchFn(url, { ...init, headers });
    if (!response.ok) {
      throw new SiloError(
        "OFFBOARD_EXPORT_FAILED",
        `${init.method ?? "GET"} ${url} answered ${response.status}: ${(await response.text()).slice(0, 300)}`,
      );
    }
    return response;
  };

  let job: ExportJob;
  if (args.exportId === undefined) {
    const started = await call(base, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "idempotency-key": `silo-offboard-${crypto.randomUUID()}`,
      },
      body: "{}",
    });
    job = (await started.json()) as ExportJob;
    await args.onStarted?.(job.id);
  } else {
    job = (await (await call(`${base}/${args.exportId}`)).json()) as ExportJob;
  }
  const deadline = Date.now() + (args.timeoutMs ?? 30 * 60_000);
  while (job.status === "pending" || job.status === "running") {
    if (Date.now() > deadline) {
      throw new SiloError(
        "OFFBOARD_EXPORT_FAILED",
        `export ${job.id} is still ${job.status}; run the offboarding again to keep waiting`,
      );
    }
    await sleep(args.pollIntervalMs ?? 3000);
    job = (await (await call(`${base}/${job.id}`)).json()) as ExportJob;
  }
  if (job.status === "failed" || job.download === null) {
    throw new SiloError(
      "OFFBOARD_EXPORT_FAILED",
      `export ${job.id} ${job.status === "failed" ? `failed: [${job.error?.code}] ${job.error?.message}` : "has no download link (expired?)"}`,
    );
  }
  const fromOwnApi = job.download.url.startsWith(`${base}/`);
  const downloaded = await call(
    job.download.url,
    { headers: { accept: "application/jsonl, */*" } },
    fromOwnApi,
  );
  const content = Buffer.from(await downloaded.arrayBuffer());
  const sha256 = createHash("sha256").update(content).digest("hex");
  if (sha256 !== job.download.sha256) {
    throw new SiloError(
      "OFFBOARD_EXPORT_FAILED",
      `the file from ${job.download.url} has SHA-256 ${sha256}, but export ${job.id} says ${job.download.sha256}; nothing was kept`,
    );
  }
  await mkdir(dirname(args.file), { recursive: true });
  await writeFile(args.file, content);
  return { exportId: job.id, file: args.file, sha256, sizeBytes: content.length };
}
