import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportTenantData } from "../../../runtime/fleet/offboard/exportTenantData.ts";
import { startLocalPlatform } from "../../../runtime/local/startLocalPlatform.ts";

let platform: Awaited<ReturnType<typeof startLocalPlatform>>;
let dataDir: string;
let acmeToken: string;

/** The parts of an export job these tests read. */
interface ExportJob {
  readonly id: string;
  readonly download: { readonly url: string; readonly sizeBytes: number; readonly sha256: string };
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "silo-export-e2e-"));
  platform = await startLocalPlatform({ dataDir, port: 0, log: () => undefined });
  acmeToken = await platform.mintToken({ tenantId: "acme-health" });
}, 120_000);

afterAll(async () => {
  await platform?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("export downloads on the local platform", () => {
  it("serves the file at the job's download link, through the gateway and the authorizer", async () => {
    // Prepare
    const started = await fetch(`${platform.url}/acme-health/v1/exports`, {
      method: "POST",
      headers: { authorization: `Bearer ${acmeToken}`, "content-type": "application/json" },
      body: "{}",
    });
    const job = (await started.json()) as ExportJob;

    // Act
    const response = await fetch(job.download.url, { headers: { authorization: `Bearer ${acmeToken}` } });
    const file = Buffer.from(await response.arrayBuffer());

    // Assess
    expect(job.download.url).toBe(`${platform.url}/acme-health/v1/exports/${job.id}/download`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/jsonl");
    expect(response.headers.get("content-length")).toBe(String(job.download.sizeBytes));
    expect(response.headers.get("etag")).toBe(`"${job.download.sha256}"`);
    expect(createHash("sha256").update(file).digest("hex")).toBe(job.download.sha256);
  });

  it("refuses the link without a token (401) and with another tenant's token (403)", async () => {
    const started = await fetch(`${platform.url}/acme-health/v1/exports`, {
      method: "POST",
      headers: { authorization: `Bearer ${acmeToken}`, "content-type": "application/json" },
      body: '{"resources":["settings"]}',
    });
    const { download } = (await started.json()) as ExportJob;
    const globexToken = await platform.mintToken({ tenantId: "globex" });

    const anonymous = await fetch(download.url);
    const otherTenant = await fetch(download.url, { headers: { authorization: `Bearer ${globexToken}` } });

    expect([anonymous.status, otherTenant.status]).toEqual([401, 403]);
  });

  it("lets silo tenants offboard export a tenant end to end and check the file's SHA-256", async () => {
    const file = join(dataDir, "offboard", "export.jsonl");

    const result = await exportTenantData({ baseUrl: `${platform.url}/acme-health`, token: acmeToken, file });

    expect(
      createHash("sha256")
        .update(await readFile(file))
        .digest("hex"),
    ).toBe(result.sha256);
    expect(result.sizeBytes).toBeGreaterThan(0);
  });
});
