import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSmoke } from "../../../runtime/smoke/runSmoke.ts";
import type { SmokeUnreachableError } from "../../../runtime/smoke/smokeErrors.ts";
import { fakeTokens } from "./fakeSmokeContext.ts";

let server: Server;
let url: string;

beforeAll(async () => {
  // An API with no authorizer at all: it answers 200 with a model list to every request.
  server = createServer((_request, response) => {
    response
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ object: "list", data: [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("runSmoke", () => {
  it("fails an API that answers everything with 200, naming each broken promise", async () => {
    const seen: string[] = [];

    const report = await runSmoke({
      url,
      tokens: fakeTokens,
      tenantIds: ["acme-health", "globex"],
      onCheck: (check) => seen.push(check.name),
    });

    const failed = (name: string) =>
      report.checks.filter((check) => check.name === name && check.status === "fail").length;
    expect(report.passed).toBe(0);
    expect(report.failed + report.skipped).toBe(report.checks.length);
    expect(seen).toEqual(report.checks.map((check) => check.name));
    expect(failed("auth: missing token -> 401")).toBe(2);
    expect(failed("isolation: token of acme-health")).toBe(1);
    expect(report.checks.find((check) => check.name === "chat: list models")).toMatchObject({
      status: "fail",
      detail: "200, but the list is empty: the tenant may call no model",
    });
    expect(report.checks.find((check) => check.name === "data: create conversation")?.detail).toBe(
      "expected 201, got 200 application/json",
    );
  });

  it("stops with one error when nothing answers at the URL", async () => {
    const error = (await runSmoke({
      url: await closedPortUrl(),
      tokens: fakeTokens,
      tenantIds: ["globex"],
    }).catch((caught) => caught)) as SmokeUnreachableError;

    expect(error.code).toBe("SMOKE_URL_UNREACHABLE");
    expect(error.message).toMatch(
      /^nothing answers at http:\/\/127\.0\.0\.1:\d+ \(fetch failed: ECONNREFUSED\); start/,
    );
  });
});

/** A URL on 127.0.0.1 whose port was free a moment ago: nothing listens there. */
async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}
