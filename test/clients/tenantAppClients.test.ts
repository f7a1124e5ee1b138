import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aiSdkSuite } from "./suites/aiSdkSuite.ts";
import { clientDefaultsSuite } from "./suites/clientDefaultsSuite.ts";
import { langChainSuite } from "./suites/langChainSuite.ts";
import { nChoicesAndLogprobsSuite } from "./suites/nChoicesAndLogprobsSuite.ts";
import { openAiSdkFailuresSuite } from "./suites/openAiSdkFailuresSuite.ts";
import { openAiSdkRefusalsSuite } from "./suites/openAiSdkRefusalsSuite.ts";
import { openAiSdkSuite } from "./suites/openAiSdkSuite.ts";
import { echoBackend, upstreamBackend } from "./support/clientBackends.ts";
import { ledgerRows } from "./support/ledgerRows.ts";
import { type ClientsPlatform, startClientsPlatform } from "./support/startClientsPlatform.ts";

// Tenant apps built with the real client libraries against the real local platform (gateway, authorizer,
// tenant process, ledger), served by echo and by the OpenAI-compatible test upstream. One platform start
// for all the libraries: each start costs seconds of CI time.

let clients: ClientsPlatform;

beforeAll(async () => {
  clients = await startClientsPlatform();
}, 120_000);

afterAll(async () => {
  await clients?.close();
});

openAiSdkSuite(() => clients);
openAiSdkFailuresSuite(() => clients);
openAiSdkRefusalsSuite(() => clients);
aiSdkSuite(() => clients);
langChainSuite(() => clients);
clientDefaultsSuite(() => clients);
nChoicesAndLogprobsSuite(() => clients);

describe("metering, after every call above", () => {
  it("leaves no reservation open and at most one row per request", async () => {
    // Act
    const rows = [
      ...(await ledgerRows(clients.ledger, echoBackend.tenantId)),
      ...(await ledgerRows(clients.ledger, upstreamBackend.tenantId)),
    ];

    // Assess
    expect(rows.length).toBeGreaterThan(30);
    expect(rows.filter((row) => row.status === "reserved")).toEqual([]);
    expect(new Set(rows.map((row) => row.requestId)).size).toBe(rows.length);
  });
});
