import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSilo } from "../captureContext.ts";

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "silo-token-"));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("silo token", () => {
  it("prints an RS256 access token for the tenant with the requested scopes and lifetime", async () => {
    const result = await runSilo(
      "token",
      "--tenant",
      "globex",
      "--scope",
      "models:read chat:write",
      "--ttl",
      "10m",
      "--port",
      "9090",
      "--data-dir",
      dataDir,
      "--create-key",
    );

    const token = result.stdout.trim();
    const claims = decodeJwt(token);
    expect(result.exitCode).toBe(0);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: "RS256", typ: "at+jwt" });
    expect(claims).toMatchObject({
      tenant_id: "globex",
      scope: "models:read chat:write",
      iss: "http://127.0.0.1:9090/_idp",
      aud: "silo-local",
    });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(600);
  });

  it("signs every token with the same key kept in the data directory", async () => {
    const first = await runSilo("token", "--tenant", "globex", "--data-dir", dataDir);
    const second = await runSilo("token", "--tenant", "initech", "--data-dir", dataDir);

    expect(decodeProtectedHeader(first.stdout.trim()).kid).toBe(
      decodeProtectedHeader(second.stdout.trim()).kid,
    );
  });

  it("refuses a data directory with no signing key, naming the key file and the fix, and creates none", async () => {
    // Prepare
    const emptyDir = await mkdtemp(join(tmpdir(), "silo-token-empty-"));

    // Act
    const result = await runSilo("token", "--tenant", "globex", "--data-dir", emptyDir);

    // Assess
    const keyFile = join(emptyDir, "idp", "signing-key.jwk.json");
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`error [SIGNING_KEY_MISSING]: no dev signing key at ${keyFile}`);
    expect(result.stderr).toContain("pass the running platform's --data-dir (or SILO_DATA_DIR)");
    expect(result.stderr).toContain("--create-key");
    expect(existsSync(keyFile)).toBe(false);
    await rm(emptyDir, { recursive: true, force: true });
  });

  it("stamps the subject given with --sub", async () => {
    const result = await runSilo("token", "--tenant", "globex", "--sub", "runbook-x", "--data-dir", dataDir);

    expect(decodeJwt(result.stdout.trim()).sub).toBe("runbook-x");
  });

  it("refuses an unknown scope, naming the known ones", async () => {
    const result = await runSilo("token", "--tenant", "globex", "--scope", "root", "--data-dir", dataDir);

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(
      /^error \[SCOPE_UNKNOWN\]: unknown scope\(s\) root; known scopes: models:read/,
    );
  });

  it("refuses a malformed duration", async () => {
    const result = await runSilo("token", "--tenant", "globex", "--ttl", "soon", "--data-dir", dataDir);

    expect(result.stderr).toContain('"soon" is not a duration; use e.g. 900, 900s, 15m or 1h');
  });
});
