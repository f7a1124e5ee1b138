import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { exportTenantData } from "../../../../runtime/fleet/offboard/exportTenantData.ts";

const content = '{"type":"conversation","id":"c1"}\n';
const sha256 = createHash("sha256").update(content).digest("hex");
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "silo-export-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ownDownloadUrl = "https://api.example.com/acme/v1/exports/exp-1/download";

/** The tenant API's export endpoints: the job runs for `pollsUntilDone` polls. */
function fakeApi(options: { pollsUntilDone: number; servedContent?: string; downloadUrl?: string }) {
  const requests: string[] = [];
  let polls = 0;
  const job = (status: string) => ({
    id: "exp-1",
    status,
    error: null,
    download:
      status === "succeeded"
        ? { url: options.downloadUrl ?? ownDownloadUrl, sha256, sizeBytes: content.length }
        : null,
  });
  const fetchFn = (async (url: string, init: RequestInit = {}) => {
    const headers = init.headers as Record<string, string>;
    requests.push(
      `${init.method ?? "GET"} ${url} ${headers.authorization}${headers["idempotency-key"] ? " idempotent" : ""}`,
    );
    if (url === (options.downloadUrl ?? ownDownloadUrl))
      return new Response(options.servedContent ?? content);
    if (init.method === "POST") return Response.json(job("pending"), { status: 202 });
    polls += 1;
    return Response.json(job(polls >= options.pollsUntilDone ? "succeeded" : "running"));
  }) as typeof fetch;
  return { fetchFn, requests };
}

describe("exportTenantData", () => {
  it("starts an export, polls it, downloads the file and checks its hash", async () => {
    const api = fakeApi({ pollsUntilDone: 2 });
    const started: string[] = [];

    const result = await exportTenantData({
      baseUrl: "https://api.example.com/acme/",
      token: "t",
      file: join(dir, "export.jsonl"),
      fetch: api.fetchFn,
      sleep: async () => undefined,
      onStarted: async (id) => {
        started.push(id);
      },
    });

    expect(result).toEqual({
      exportId: "exp-1",
      file: join(dir, "export.jsonl"),
      sha256,
      sizeBytes: content.length,
    });
    expect(await readFile(join(dir, "export.jsonl"), "utf8")).toBe(content);
    expect(started).toEqual(["exp-1"]);
    expect(api.requests).toEqual([
      "POST https://api.example.com/acme/v1/exports Bearer t idempotent",
      "GET https://api.example.com/acme/v1/exports/exp-1 Bearer t",
      "GET https://api.example.com/acme/v1/exports/exp-1 Bearer t",
      "GET https://api.example.com/acme/v1/exports/exp-1/download Bearer t",
    ]);
  });

  it("fetches a download link outside the tenant's API without the token", async () => {
    const presigned = "https://exports.s3.example.com/acme/exp-1.jsonl?X-Amz-Signature=abc";
    const api = fakeApi({ pollsUntilDone: 1, downloadUrl: presigned });

    const result = await exportTenantData({
      baseUrl: "https://api.example.com/acme",
      token: "t",
      file: join(dir, "e.jsonl"),
      exportId: "exp-1",
      fetch: api.fetchFn,
    });

    expect(result.sha256).toBe(sha256);
    expect(api.requests.at(-1)).toBe(`GET ${presigned} undefined`);
  });

  it("follows an export an earlier run started instead of starting another", async () => {
    const api = fakeApi({ pollsUntilDone: 1 });

    await exportTenantData({
      baseUrl: "https://api.example.com/acme",
      token: "t",
      file: join(dir, "e.jsonl"),
      exportId: "exp-1",
      fetch: api.fetchFn,
    });

    expect(api.requests.filter((request) => request.startsWith("POST"))).toEqual([]);
  });

  it("keeps nothing when the download does not match the job's hash", async () => {
    const api = fakeApi({ pollsUntilDone: 1, servedContent: "something else" });

    const act = exportTenantData({
      baseUrl: "https://api.example.com/acme",
      token: "t",
      file: join(dir, "e.jsonl"),
      fetch: api.fetchFn,
      sleep: async () => undefined,
    });

    await expect(act).rejects.toMatchObject({
      code: "OFFBOARD_EXPORT_FAILED",
      message: expect.stringContaining("nothing was kept"),
    });
    await expect(readFile(join(dir, "e.jsonl"))).rejects.toMatchObject({ code: "ENOENT" });
  });
});
