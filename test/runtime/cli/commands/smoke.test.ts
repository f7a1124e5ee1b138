import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDevIdentityProvider } from "../../../../runtime/local/devIdentityProvider.ts";
import { startLocalPlatform } from "../../../../runtime/local/startLocalPlatform.ts";
import type { SmokeReport } from "../../../../runtime/smoke/smokeReport.ts";
import { runSilo } from "../captureContext.ts";

let platform: Awaited<ReturnType<typeof startLocalPlatform>>;
let dataDir: string;
let strangerDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "silo-smoke-"));
  strangerDir = await mkdtemp(join(tmpdir(), "silo-smoke-stranger-"));
  platform = await startLocalPlatform({ dataDir, port: 0, log: () => {} });
  // Another dev IdP's key: its tokens are well-formed but signed by a key the platform does not know.
  await openDevIdentityProvider({ dataDir: strangerDir, issuer: `${platform.url}/_idp` });
}, 120_000);

afterAll(async () => {
  await platform?.stop();
  await rm(dataDir, { recursive: true, force: true });
  await rm(strangerDir, { recursive: true, force: true });
});

const bin = new URL("../../../../runtime/cli/bin.mjs", import.meta.url).pathname;

function statusesOf(report: SmokeReport, prefix: string): string[] {
  return [
    ...new Set(report.checks.filter((check) => check.name.startsWith(prefix)).map((check) => check.status)),
  ];
}

describe("silo smoke", () => {
  it("passes every check against the local platform and exits 0", async () => {
    const result = await runSilo("smoke", "--url", platform.url, "--data-dir", dataDir, "--format", "json");

    const report = JSON.parse(result.stdout) as SmokeReport;
    expect(report.checks.filter((check) => check.status !== "pass")).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(report).toMatchObject({ url: platform.url, failed: 0, skipped: 0 });
    const tenants = platform.tenants.map((tenant) => tenant.id);
    expect(new Set(report.checks.map((check) => check.tenant))).toEqual(new Set(tenants));
    expect(report.checks.filter((check) => check.tenant === tenants[0]).map((check) => check.name)).toEqual([
      "data: health",
      "data: create conversation",
      "data: get conversation",
      "data: delete conversation",
      "chat: list models",
      "chat: chat completion",
      "ledger: one settled entry per model call",
      "chat: streamed chat completion",
      "chat: tool round trip",
      "chat: structured output",
      "embeddings: embed texts",
      "admin: budget",
      "admin: audit events",
      "auth: missing token -> 401",
      "auth: malformed token -> 401",
      "auth: expired token -> 401",
      "auth: missing scope -> 403",
      "auth: tampered signature -> 401",
      "errors: 404 is problem+json",
      ...tenants.slice(1).map((other) => `isolation: token of ${other}`),
    ]);
    expect(report.checks.filter((check) => check.name.startsWith("isolation:"))).toHaveLength(
      tenants.length * (tenants.length - 1),
    );
    expect(result.stderr).toContain("[silo smoke] PASS  data: health [acme-health]: 200, status ok");
  });

  it("prints a text report ending with the counts", async () => {
    const result = await runSilo("smoke", "--url", platform.url, "--data-dir", dataDir, "--tenant", "globex");

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(
      "PASS  ledger: one settled entry per model call [globex]: 1 settled entry",
    );
    expect(result.stdout).toMatch(/\n19 passed, 0 failed, 1 skipped\n$/);
    expect(result.stdout).toContain(
      "SKIP  isolation: cross-tenant denials: skipped: needs two tenants, got 1 (globex)",
    );
  });

  it("exits 1 and says why when the platform refuses the tokens (signed by an unknown key)", async () => {
    const result = await runSilo(
      "smoke",
      "--url",
      platform.url,
      "--data-dir",
      strangerDir,
      "--tenant",
      "acme-health",
      "--tenant",
      "globex",
      "--format",
      "json",
    );

    const report = JSON.parse(result.stdout) as SmokeReport;
    expect(result.exitCode).toBe(1);
    expect(report.checks.find((check) => check.name === "data: health" && check.tenant === "globex")).toEqual(
      {
        name: "data: health",
        tenant: "globex",
        status: "fail",
        detail:
          "expected 200, got 401 Unauthorized (gateway); the gateway saw no usable token (none, malformed, expired or not verifiable)",
      },
    );
    expect(statusesOf(report, "chat: list models")).toEqual(["fail"]);
    expect(statusesOf(report, "auth: missing token")).toEqual(["pass"]);
    // Denials prove nothing when the tenant's own token is refused too, so they are skipped, not passed.
    expect(statusesOf(report, "auth: missing scope")).toEqual(["skip"]);
    expect(statusesOf(report, "isolation:")).toEqual(["skip"]);
  });

  it("gets its tokens from a token command, skipping the expired-token check without --expired-token", async () => {
    const port = new URL(platform.url).port;
    const command = `"${process.execPath}" "${bin}" token --tenant {tenant} --scope "{scopes}" --port ${port} --data-dir "${dataDir}"`;

    const result = await runSilo(
      "smoke",
      "--url",
      platform.url,
      "--token-command",
      command,
      "--format",
      "json",
    );

    const report = JSON.parse(result.stdout) as SmokeReport;
    expect(report.checks.filter((check) => check.status === "fail")).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(statusesOf(report, "auth: expired token")).toEqual(["skip"]);
    expect(report.checks.find((check) => check.name === "auth: expired token -> 401")?.detail).toMatch(
      /pass --expired-token/,
    );
    expect(report.skipped).toBe(platform.tenants.length);
  }, 120_000);

  it("stops with one error when nothing answers at the URL", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const closed = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise((resolve) => probe.close(resolve));

    const result = await runSilo("smoke", "--url", closed, "--data-dir", dataDir);

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(
      /error \[SMOKE_URL_UNREACHABLE\]: nothing answers at http:\/\/127\.0\.0\.1:\d+ \(fetch failed: ECONNREFUSED\)/,
    );
  });

  it("refuses a data directory without the dev signing key, naming the file and the fix", async () => {
    const empty = await mkdtemp(join(tmpdir(), "silo-smoke-empty-"));
    try {
      const result = await runSilo("smoke", "--url", platform.url, "--data-dir", empty);

      expect(result.exitCode).toBe(1);
      expect(result.stderr).toContain(
        `error [SMOKE_TOKEN_FAILED]: no dev signing key at ${join(empty, "idp")}`,
      );
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it("answers a usage error (exit 2) for a bad option", async () => {
    const badFormat = await runSilo("smoke", "--url", platform.url, "--format", "xml");
    const badUrl = await runSilo("smoke", "--url", "not a url");
    const badTenant = await runSilo("smoke", "--url", platform.url, "--tenant", "Acme");

    expect([badFormat.exitCode, badUrl.exitCode, badTenant.exitCode]).toEqual([2, 2, 2]);
    expect(badTenant.stderr).toContain('"Acme" is not a tenant id');
  });
});
