import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalOAuthClients } from "../../../runtime/local/localOAuthClients.ts";
import { startLocalPlatform } from "../../../runtime/local/startLocalPlatform.ts";

// runtime/smoke/get-token.sh against a real OAuth 2.0 token endpoint: the local platform's OpenID Provider.
const script = fileURLToPath(new URL("../../../runtime/smoke/get-token.sh", import.meta.url));
const run = promisify(execFile);
let platform: Awaited<ReturnType<typeof startLocalPlatform>>;
let dataDir: string;
let tokenUrl: string;
let secret: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "silo-get-token-"));
  platform = await startLocalPlatform({ dataDir, port: 0, log: () => {}, progress: () => {} });
  const discovery = (await (await fetch(`${platform.issuer}/.well-known/openid-configuration`)).json()) as {
    token_endpoint: string;
  };
  tokenUrl = discovery.token_endpoint;
  const clients = JSON.parse(
    await readFile(join(dataDir, "idp", "clients.json"), "utf8"),
  ) as LocalOAuthClients;
  secret = clients["acme-health"]?.app.clientSecret ?? "";
}, 120_000);

afterAll(async () => {
  await platform?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

function getToken(env: Record<string, string>, ...args: string[]) {
  return run(script, args, { env: { PATH: process.env.PATH ?? "", ...env } });
}

describe("get-token.sh", () => {
  it("prints only a token for the tenant with exactly the scopes asked, which the tenant's API accepts", async () => {
    // Act
    const { stdout } = await getToken(
      { SILO_TOKEN_URL: tokenUrl, SILO_CLIENT_SECRET_ACME_HEALTH: secret },
      "acme-health",
      "models:read",
    );

    // Assess
    const token = stdout.trim();
    expect(stdout).toBe(`${token}\n`);
    expect(decodeJwt(token)).toMatchObject({ tenant_id: "acme-health", scope: "models:read" });
    const models = await fetch(`${platform.url}/acme-health/v1/models`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(models.status).toBe(200);
  });

  it("fails with the IdP's answer, and prints no token, when the secret is wrong", async () => {
    // Act
    const failure = await getToken(
      { SILO_TOKEN_URL: tokenUrl, SILO_CLIENT_SECRET_ACME_HEALTH: "wrong" },
      "acme-health",
      "models:read",
    ).catch((error: { code: number; stdout: string; stderr: string }) => error);

    // Assess
    expect(failure).toMatchObject({ code: 1, stdout: "" });
    expect((failure as { stderr: string }).stderr).toContain("the token endpoint refused acme-health-app");
    expect((failure as { stderr: string }).stderr).toContain("invalid_client");
  });

  it("names the variable to set when the secret is missing", async () => {
    // Act
    const failure = await getToken({ SILO_TOKEN_URL: tokenUrl }, "acme-health", "models:read").catch(
      (error: { code: number; stderr: string }) => error,
    );

    // Assess
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain(
      "set SILO_CLIENT_SECRET_ACME_HEALTH to the client secret of acme-health-app",
    );
  });
});
