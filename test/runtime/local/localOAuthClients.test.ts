import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ensureLocalOAuthClients,
  localOAuthClientsFile,
  localWebRedirectUris,
} from "../../../runtime/local/localOAuthClients.ts";

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "silo-oauth-clients-"));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("ensureLocalOAuthClients", () => {
  it("gives each tenant an app with a secret and a browser client, in a 0600 file", async () => {
    // Act
    const { file, clients } = await ensureLocalOAuthClients(dataDir, ["acme-health", "globex"]);

    // Assess
    expect(file).toBe(join(dataDir, "idp", "clients.json"));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(clients["acme-health"]?.app.clientId).toBe("acme-health-app");
    expect(clients["acme-health"]?.app.clientSecret).toMatch(/^[\w-]{43}$/);
    expect(clients.globex?.web).toEqual({ clientId: "globex-web", redirectUris: localWebRedirectUris });
    expect(clients["acme-health"]?.app.clientSecret).not.toBe(clients.globex?.app.clientSecret);
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual(clients);
  });

  it("keeps the secrets of a data directory across starts, and adds a new tenant's clients", async () => {
    // Prepare
    const first = await ensureLocalOAuthClients(dataDir, ["acme-health"]);

    // Act
    const second = await ensureLocalOAuthClients(dataDir, ["acme-health", "initech"]);

    // Assess
    expect(second.clients["acme-health"]).toEqual(first.clients["acme-health"]);
    expect(second.clients.initech?.app.clientId).toBe("initech-app");
    expect(JSON.parse(await readFile(second.file, "utf8"))).toEqual(second.clients);
  });

  it("generates an entry again when the saved one is incomplete", async () => {
    // Prepare
    await ensureLocalOAuthClients(dataDir, ["globex"]);
    await writeFile(localOAuthClientsFile(dataDir), JSON.stringify({ globex: { app: { clientId: "x" } } }));

    // Act
    const { clients } = await ensureLocalOAuthClients(dataDir, ["globex"]);

    // Assess
    expect(clients.globex?.app.clientId).toBe("globex-app");
    expect(clients.globex?.web.clientId).toBe("globex-web");
  });

  it("refuses a clients file that is not JSON, naming it and the fix", async () => {
    // Prepare
    await ensureLocalOAuthClients(dataDir, ["globex"]);
    await writeFile(localOAuthClientsFile(dataDir), "{ not json");

    // Act
    const failure = ensureLocalOAuthClients(dataDir, ["globex"]);

    // Assess
    await expect(failure).rejects.toMatchObject({
      code: "LOCAL_OAUTH_CLIENTS_INVALID",
      message: expect.stringMatching(/clients\.json is not JSON .*delete it and start again/),
    });
  });
});
