import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationsOf } from "../../../../runtime/api/groupOperations.ts";
import { bufferedLambdaHandler } from "../../../../runtime/api/handlers/bufferedLambdaHandler.ts";
import { matchRoute } from "../../../../runtime/api/matchRoute.ts";
import { exportRoutes } from "../../../../runtime/api/routes/exportRoutes.ts";
import { conversationStore } from "../../../../runtime/core/conversations/conversationStore.ts";
import { messageStore } from "../../../../runtime/core/conversations/messageStore.ts";
import { maxExportDownloadBytes } from "../../../../runtime/core/jobs/exportStorage.ts";
import { tieredExportStorage } from "../../../../runtime/core/jobs/tieredExportStorage.ts";
import { offboardTenant } from "../../../../runtime/fleet/offboard/offboardTenant.ts";
import { fileExportObjectStore, localExportDir } from "../../../../runtime/local/fileExportObjectStore.ts";
import { localExportPathPrefix, tenantExportLinkKey } from "../../../../runtime/local/localExportLink.ts";
import { serveLocalExport } from "../../../../runtime/local/serveLocalExport.ts";
import { apiEvent } from "../../api/support/apiEvent.ts";
import { groupHarness } from "../../api/support/dataGroupHarness.ts";
import { createTenantTestDatabase, type TenantTestDatabase } from "../../api/support/tenantTestDatabase.ts";
import { fakeStackWorkspaces, tenant } from "../fakeStackWorkspaces.ts";
import { fakeOffboardingCloud } from "./fakeOffboardingCloud.ts";

const tenantId = "acme-health";
const platformKey = randomBytes(32);
let tenantDb: TenantTestDatabase;
let dataDir: string;
let server: Server;
let baseUrl: string;
const requests: string[] = [];

/**
 * The tenant's API as the local gateway serves it, on a real HTTP server on 127.0.0.1: the export routes
 * over a real tenant database with the tiered storage (files over 4 MiB in the tenant's export folder), and
 * the signed links at `/_exports/` answered by the gateway's own handler.
 */
beforeAll(async () => {
  tenantDb = await createTenantTestDatabase("large-export");
  dataDir = await mkdtemp(join(tmpdir(), "silo-large-export-"));
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const gatewayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  baseUrl = `${gatewayUrl}/${tenantId}`;
  const exportStorage = tieredExportStorage({
    db: tenantDb.db,
    downloadUrlFor: (exportId) => `${baseUrl}/v1/exports/${exportId}/download`,
    objects: fileExportObjectStore({
      dir: localExportDir(dataDir, tenantId),
      gatewayUrl,
      tenantId,
      linkKey: tenantExportLinkKey(platformKey, tenantId),
    }),
  });
  const { handler } = await groupHarness("admin", operationsOf(exportRoutes), tenantDb, { exportStorage });
  const lambda = bufferedLambdaHandler(handler);
  server.on("request", async (request, response) => {
    const url = new URL(request.url ?? "/", gatewayUrl);
    requests.push(
      `${request.method} ${url.pathname} ${request.headers.authorization ? "with token" : "no token"}`,
    );
    if (url.pathname.startsWith(localExportPathPrefix)) {
      await serveLocalExport({ url, response, dataDir, platformKey });
      return;
    }
    const path = url.pathname.slice(`/${tenantId}`.length);
    const matched = matchRoute(request.method ?? "GET", path);
    if (!matched) return void response.writeHead(404).end();
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString("utf8");
    const result = await lambda(
      apiEvent(matched.route.routeKey, {
        tenantId,
        pathParameters: matched.pathParameters,
        ...(rawBody ? { rawBody } : {}),
        headers: Object.fromEntries(
          Object.entries(request.headers).flatMap(([name, value]) =>
            typeof value === "string" ? [[name, value]] : [],
          ),
        ),
      }),
    );
    response.writeHead(result.statusCode ?? 500, result.headers as Record<string, string>);
    response.end(result.isBase64Encoded ? Buffer.from(result.body ?? "", "base64") : result.body);
  });

  // More than one API response can carry: 80 messages of 64 KiB of text, 5 MiB.
  const conversation = await conversationStore.create(tenantDb.db, { title: "large", createdBy: "nurse-1" });
  for (let batch = 0; batch < 8; batch += 1) {
    await tenantDb.db.transaction((client) =>
      messageStore.append(
        client,
        conversation.id,
        Array.from({ length: 10 }, (_, index) => ({
          role: "user" as const,
          content: `${batch}-${index} ${randomBytes(48 * 1024).toString("base64")}`,
        })),
      ),
    );
  }
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await tenantDb?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("offboarding a tenant whose export is over 4 MiB", () => {
  it("exports through the tenant's export folder and a signed link, and keeps the bytes intact", async () => {
    // Prepare
    const stateDir = join(dataDir, "offboard");
    const aws = fakeOffboardingCloud();
    const pulumi = fakeStackWorkspaces({
      config: { [`tenant-${tenantId}`]: { "aws:region": "eu-west-1" } },
      outputs: {
        [`tenant-${tenantId}`]: { url: baseUrl, keyArn: "arn:aws:kms:eu-west-1:1:key/acme" },
        shared: { platformKeyArn: "arn:aws:kms:eu-west-1:1:key/platform" },
      },
    });

    const select = pulumi.workspaces.select;
    pulumi.workspaces.select = async (name, options) => {
      const stack = await select(name, options);
      return {
        ...stack,
        destroy: async (runOptions) => {
          await stack.destroy(runOptions);
          aws.destroyed([`/silo/${tenantId}/ledger-role`], new Date("2027-01-01T00:00:00Z"));
          return { changes: { delete: 40 } };
        },
      };
    };

    // Act
    const state = await offboardTenant({
      tenant: tenant(tenantId),
      workspaces: pulumi.workspaces,
      cloudFor: () => aws.cloud,
      exportToken: async () => "token-acme",
      stateDir,
      progress: () => undefined,
      sleep: async () => undefined,
    });

    // Assess
    const exported = await readFile(join(stateDir, "export.jsonl"));
    expect(exported.length).toBeGreaterThan(maxExportDownloadBytes);
    const kept = await readFile(
      join(localExportDir(dataDir, tenantId), `${(await readState(stateDir)).export.exportId}.jsonl`),
    );
    expect(exported.equals(kept)).toBe(true);
    expect((await readState(stateDir)).export.sha256).toBe(createHash("sha256").update(kept).digest("hex"));
    expect(exported.toString("utf8")).toContain('"title":"large"');
    expect(requests.filter((line) => line.startsWith(`GET ${localExportPathPrefix}`))).toEqual([
      expect.stringMatching(/^GET \/_exports\/acme-health\/[0-9a-f-]{36}\.jsonl no token$/),
    ]);
    expect(Object.keys(state.done)).toContain("ledger");
  });

  it("answers the API's download route with 303 to a fresh signed link, and refuses a tampered link", async () => {
    // Prepare
    const { exportId } = (await readState(join(dataDir, "offboard"))).export;
    const headers = { authorization: "Bearer token-acme" };

    // Act
    const download = await fetch(`${baseUrl}/v1/exports/${exportId}/download`, {
      headers,
      redirect: "manual",
    });
    const location = download.headers.get("location") ?? "";
    const followed = await fetch(location);
    // Another first character of the signature, whatever the real one is.
    const tampered = await fetch(
      location.replace(/signature=(.)/, (_, first: string) => `signature=${first === "0" ? "1" : "0"}`),
    );

    // Assess
    expect(download.status).toBe(303);
    expect(await download.json()).toEqual({ url: location, expiresAt: expect.any(String) });
    expect(followed.status).toBe(200);
    expect(Buffer.from(await followed.arrayBuffer()).length).toBeGreaterThan(maxExportDownloadBytes);
    expect(tampered.status).toBe(403);
  });
});

async function readState(stateDir: string): Promise<{ export: { exportId: string; sha256: string } }> {
  return JSON.parse(await readFile(join(stateDir, "state.json"), "utf8"));
}
