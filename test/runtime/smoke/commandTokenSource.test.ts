import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandTokenSource } from "../../../runtime/smoke/commandTokenSource.ts";
import type { SmokeTokenError } from "../../../runtime/smoke/smokeErrors.ts";

const node = `"${process.execPath}"`;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "silo-token-command-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<SmokeTokenError> {
  return (await promise.then(
    () => {
      throw new Error("expected the token command to fail");
    },
    (error: unknown) => error,
  )) as SmokeTokenError;
}

describe("commandTokenSource", () => {
  it("returns what the command prints, trimmed", async () => {
    const tokens = commandTokenSource({
      command: `${node} -e "process.stdout.write('x.y.z\\n')"`,
      timeoutMs: 10_000,
    });

    await expect(tokens.token("globex", ["models:read"])).resolves.toBe("x.y.z");
  });

  it("replaces {tenant} and {scopes} and passes both in the environment", async () => {
    const tokens = commandTokenSource({
      command: `${node} -e "process.stdout.write([process.argv[1], process.argv[2].replace(/[ :]/g, '_'), process.env.SILO_SMOKE_SCOPES.length].join('.'))" {tenant} "{scopes}"`,
      timeoutMs: 10_000,
    });

    const token = await tokens.token("acme-health", ["models:read", "chat:write"]);

    expect(token).toBe(`acme-health.models_read_chat_write.${"models:read chat:write".length}`);
  });

  it("runs the command once per tenant and scope set", async () => {
    const counter = join(dir, "runs");
    const tokens = commandTokenSource({
      command: `${node} -e "require('fs').appendFileSync(process.argv[1], 'x'); process.stdout.write('a.b.c')" "${counter}"`,
      timeoutMs: 10_000,
    });

    await Promise.all([tokens.token("globex", ["models:read"]), tokens.token("globex", ["models:read"])]);
    await tokens.token("globex", ["chat:write"]);

    expect(await readFile(counter, "utf8")).toBe("xx");
  });

  it("fails with the command's last stderr line when it exits non-zero", async () => {
    const tokens = commandTokenSource({
      command: `${node} -e "console.error('starting'); console.error('invalid_client'); process.exit(3)"`,
      timeoutMs: 10_000,
    });

    const error = await failure(tokens.token("globex", ["models:read"]));

    expect(error.code).toBe("SMOKE_TOKEN_FAILED");
    expect(error.message).toMatch(/^the token command for globex exited with 3: invalid_client$/);
  });

  it("refuses output that is not a JWT without echoing it", async () => {
    const tokens = commandTokenSource({
      command: `${node} -e "process.stdout.write('secret-opaque-token')"`,
      timeoutMs: 10_000,
    });

    const error = await failure(tokens.token("globex", ["models:read"]));

    expect(error.message).toMatch(
      /printed 19 characters that are not a JWT; it must print only the access token/,
    );
    expect(error.message).not.toContain("secret-opaque-token");
  });

  it("gives up on a command that takes longer than the timeout", async () => {
    const tokens = commandTokenSource({
      command: `${node} -e "setTimeout(() => {}, 10000)"`,
      timeoutMs: 300,
    });

    const error = await failure(tokens.token("globex", ["models:read"]));

    expect(error.message).toMatch(/^the token command for globex timed out after 300 ms/);
  });

  it("never passes a malformed tenant id to the shell", async () => {
    const tokens = commandTokenSource({ command: "echo {tenant}", timeoutMs: 10_000 });

    const error = await failure(tokens.token("x; rm -rf /", ["models:read"]));

    expect(error.message).toBe('"x; rm -rf /" is not a tenant id; not passed to the shell');
  });

  it("offers the --expired-token only for the tenant it was issued to, and says how to get one", async () => {
    const payload = Buffer.from(JSON.stringify({ tenant_id: "globex", exp: 1 })).toString("base64url");
    const expired = `eyJhbGciOiJSUzI1NiJ9.${payload}.c2ln`;
    const withToken = commandTokenSource({ command: "true", timeoutMs: 1000, expiredToken: expired });
    const without = commandTokenSource({ command: "true", timeoutMs: 1000 });

    await expect(withToken.expiredToken("globex")).resolves.toEqual({ token: expired });
    await expect(withToken.expiredToken("initech")).resolves.toEqual({
      unavailable: "the --expired-token is for tenant globex",
    });
    await expect(without.expiredToken("globex")).resolves.toMatchObject({
      unavailable: expect.stringMatching(/pass --expired-token \(or SILO_SMOKE_EXPIRED_TOKEN\)/),
    });
  });
});
