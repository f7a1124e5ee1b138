import { request as httpRequest } from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as z from "zod";
import { apiRoutes } from "../../runtime/api/apiRoutes.ts";
import type { RouteContract } from "../../runtime/api/defineRoute.ts";
import { problemMediaType } from "../../runtime/api/schemas/problem.ts";
import { loadTenant } from "../../runtime/core/tenants/loadTenants.ts";
import { type ReliabilityPlatform, startReliabilityPlatform } from "./support/reliabilityPlatform.ts";

const tenantId = "acme-health";
/**
 * Generated inputs per route: a short run in `npm test` (and CI), a long one in `npm run fuzz`. The other
 * properties below scale with it.
 */
const runsPerRoute = Number(process.env.SILO_FUZZ_RUNS ?? 5);
/** Time per property: generous, so a long run is cut by failures, not by the clock. */
const propertyTimeoutMs = 60_000 + runsPerRoute * 1_000;
let harness: ReliabilityPlatform;
const tokens = new Map<string, string>();
/** Answers by status over the whole run, printed at the end: the fuzzer must reach past validation too. */
const allStatuses = new Map<number, number>();

beforeAll(async () => {
  // A high request rate, so the fuzzer reaches the handlers instead of the gateway's throttle.
  harness = await startReliabilityPlatform("fuzz", {
    limits: { [tenantId]: { requestsPerSecond: 5000, burst: 10_000 } },
  });
  for (const route of apiRoutes) {
    const scopes = route.scope === null ? [] : [route.scope];
    tokens.set(route.routeKey, await harness.platform.mintToken({ tenantId, scopes }));
  }
}, 120_000);

afterAll(async () => {
  console.log(`fuzzing: answers by status ${JSON.stringify(Object.fromEntries([...allStatuses].sort()))}`);
  await harness?.close();
});

/** Property names anywhere in a zod schema (as JSON Schema), so generated objects reach deep validation. */
function fieldNames(schema: z.ZodType | undefined): string[] {
  if (schema === undefined) return [];
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) for (const item of node) walk(item);
    else if (node !== null && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (key === "properties" && value !== null && typeof value === "object") {
          for (const name of Object.keys(value)) names.add(name);
        }
        walk(value);
      }
    }
  };
  walk(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }));
  return [...names];
}

/** Values that look like what the API expects, and values that do not. */
const knownValues = fc.constantFrom(
  "user",
  "assistant",
  "system",
  "claude-sonnet",
  "nova-lite",
  "0b7e6f9c-3f0a-4c55-9d1e-6f2a8c1d4e5b",
  "2026-01-01",
  "2026-13-45T99:99:99Z",
  "[[silo:sleep:1]]",
  "{{name}}",
  "__proto__",
  "constructor",
  "'; DROP TABLE conversations; --",
  "\u0000",
  "\ud83d\ude00".repeat(50),
  "99999999.999999",
  "10000000.000001",
  "0.0000001",
  -1,
  0,
  1,
  2 ** 53,
  1e308,
  -0.5,
  true,
  null,
);

function bodyFor(route: RouteContract) {
  const names = fieldNames(route.body);
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      knownValues,
      fc.jsonValue({ maxDepth: 2 }),
      fc.array(tie("tree"), { maxLength: 4 }),
      names.length === 0
        ? fc.jsonValue({ maxDepth: 2 })
        : fc.dictionary(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 8 })), tie("tree"), {
            maxKeys: 6,
          }),
    ),
  }));
  return fc.oneof(
    tree.map((value) => JSON.stringify(value) ?? "null"),
    fc.string({ maxLength: 200 }),
    fc.string({ unit: "grapheme", maxLength: 100 }),
    fc.constantFrom("{}", "", "{", "[]", "null", '{"a":1}{', '{"__proto__":{"polluted":true}}', "\u0000"),
  );
}

const pathParam = fc.oneof(
  fc.uuid(),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.constantFrom(
    "claude-sonnet",
    "00000000-0000-0000-0000-000000000000",
    "%",
    "%2F",
    "..",
    "a".repeat(1000),
  ),
);

/**
 * Cursors a client could forge: base64url JSON of positions with wrong dates, ids, numbers and names, as
 * the keyset cursors the lists issue are (a cursor must never reach a SQL cast unchecked).
 */
const forgedCursor = fc
  .oneof(
    fc.tuple(
      fc.oneof(
        fc.string({ maxLength: 30 }),
        fc.date({ noInvalidDate: true }).map((date) => date.toISOString().replace("Z", "000Z")),
        fc.constantFrom(
          "not-a-date",
          "2026-02-30T00:00:00.000000Z",
          "99999999999999999999",
          "-1",
          "a\u0000b",
        ),
      ),
      fc.oneof(fc.uuid(), fc.string({ maxLength: 40 })),
    ),
    fc.jsonValue({ maxDepth: 2 }),
  )
  .map((position) => Buffer.from(JSON.stringify(position) ?? "null").toString("base64url"));

function queryFor(route: RouteContract) {
  const names = fieldNames(route.query);
  return fc.dictionary(
    names.length === 0
      ? fc.string({ maxLength: 10 })
      : fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 10 })),
    fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.integer().map(String),
      fc.constantFrom("-1", "0", "1e9", "NaN", ""),
      ...(names.includes("cursor") ? [forgedCursor] : []),
    ),
    { maxKeys: 4 },
  );
}

const visibleAscii = fc.string({
  unit: fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)),
  maxLength: 300,
});

const headers = fc.record(
  {
    contentType: fc.oneof(
      { arbitrary: fc.constant("application/json"), weight: 4 },
      fc.constantFrom(
        "application/json",
        "application/json; charset=utf-8",
        "application/merge-patch+json",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
      ),
      visibleAscii,
    ),
    idempotencyKey: visibleAscii,
    extra: fc.dictionary(fc.stringMatching(/^x-fuzz-[a-z0-9-]{1,12}$/), visibleAscii, { maxKeys: 3 }),
  },
  { requiredKeys: [] },
);

/** The request a route gets: its path with fuzzed parameters, a fuzzed query, body and headers. */
function requestFor(route: RouteContract) {
  return fc.record({
    params: fc.array(pathParam, { minLength: 4, maxLength: 4 }),
    query: queryFor(route),
    body: route.method === "GET" ? fc.constant(undefined) : fc.option(bodyFor(route), { nil: undefined }),
    headers,
  });
}

function urlOf(route: RouteContract, params: readonly string[], query: Record<string, string>): string {
  let index = 0;
  const path = route.path.replace(/\{\w+\}/g, () => encodeURIComponent(params[index++] ?? "x"));
  const search = new URLSearchParams(query).toString();
  return `${harness.platform.url}/${tenantId}${path}${search ? `?${search}` : ""}`;
}

const stackTrace = /\n\s+at |node_modules|\.[cm]?[jt]s:\d+|\bat [\w$.<>]+ \(/;

/**
 * What every answer to a fuzzed request must be: never 5xx, never a stack trace; a refusal is problem+json
 * from the tenant's handler, or (for the edge's own refusals) a gateway response of runtime/api/gatewayResponses.ts.
 */
function expectWellFormed(status: number, contentType: string | null, text: string): void {
  expect(status, text).toBeLessThan(500);
  expect(text).not.toMatch(stackTrace);
  if (status < 400) return;
  const body = JSON.parse(text);
  if (contentType === problemMediaType) {
    expect(body).toMatchObject({ status, code: expect.any(String), title: expect.any(String) });
    expect(body.code).not.toBe("INTERNAL_ERROR");
  } else {
    expect([401, 403, 404, 413, 429]).toContain(status);
    expect(Object.keys(body)).toEqual(["message", "code", "requestId", "error"]);
  }
}

describe("bad input: property-based fuzzing of every route through the gateway", () => {
  it.each(apiRoutes.map((route) => [route.routeKey, route] as const))(
    "%s answers fuzzed path, query, headers and body with 2xx or 4xx problem+json, never 5xx",
    async (routeKey, route) => {
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(requestFor(route), async (input) => {
          // Act
          const response = await fetch(urlOf(route, input.params, input.query), {
            method: route.method,
            headers: {
              authorization: `Bearer ${tokens.get(routeKey)}`,
              ...(input.headers.contentType === undefined
                ? {}
                : { "content-type": input.headers.contentType }),
              ...(input.headers.idempotencyKey === undefined
                ? {}
                : { "idempotency-key": input.headers.idempotencyKey }),
              ...input.headers.extra,
            },
            ...(input.body === undefined ? {} : { body: input.body }),
          });
          const text = await response.text();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          allStatuses.set(response.status, (allStatuses.get(response.status) ?? 0) + 1);

          // Assess
          expectWellFormed(response.status, response.headers.get("content-type"), text);
        }),
        { numRuns: runsPerRoute, endOnFailure: true },
      );
      expect([...statuses.values()].reduce((sum, count) => sum + count, 0)).toBe(runsPerRoute);
    },
    propertyTimeoutMs,
  );
});

describe("bad input aimed at other users and at the operator's limits", () => {
  it(
    "answers forged cursors on every list with 2xx or a 400 on query.cursor, never 5xx",
    async () => {
      const lists = apiRoutes.filter(
        (route) => route.method === "GET" && fieldNames(route.query).includes("cursor"),
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...lists), forgedCursor, async (route, cursor) => {
          // Act
          const response = await fetch(urlOf(route, [crypto.randomUUID()], { cursor }), {
            headers: { authorization: `Bearer ${tokens.get(route.routeKey)}` },
          });
          const text = await response.text();

          // Assess
          expectWellFormed(response.status, response.headers.get("content-type"), text);
          if (response.status === 400) expect(JSON.parse(text).errors[0].path).toBe("query.cursor");
        }),
        { numRuns: runsPerRoute * 4, endOnFailure: true },
      );
    },
    propertyTimeoutMs,
  );

  it(
    "never replays one user's response to another who sends the same Idempotency-Key and body",
    async () => {
      const route = "POST /v1/conversations";
      const tokenOf = (subject: string) =>
        harness.platform.mintToken({ tenantId, subject, scopes: ["conversations:write"] });
      await fc.assert(
        fc.asyncProperty(
          visibleAscii.filter((key) => key.length > 0),
          fc.string({ maxLength: 40 }),
          fc.stringMatching(/^[a-z0-9|@.-]{1,40}$/),
          async (key, title, otherSubject) => {
            // Prepare
            const send = async (subject: string) => {
              const response = await fetch(`${harness.platform.url}/${tenantId}/v1/conversations`, {
                method: "POST",
                headers: {
                  authorization: `Bearer ${await tokenOf(subject)}`,
                  "content-type": "application/json",
                  "idempotency-key": key,
                },
                body: JSON.stringify({ title }),
              });
              return { response, text: await response.text() };
            };

            // Act
            const first = await send("fuzz-first-user");
            const other = await send(`fuzz-${otherSubject}`);

            // Assess
            expectWellFormed(first.response.status, first.response.headers.get("content-type"), first.text);
            expectWellFormed(other.response.status, other.response.headers.get("content-type"), other.text);
            expect(other.response.headers.get("idempotent-replayed"), route).toBeNull();
            if (first.response.status === 201 && other.response.status === 201) {
              expect(JSON.parse(other.text).id).not.toBe(JSON.parse(first.text).id);
            }
          },
        ),
        { numRuns: runsPerRoute * 3, endOnFailure: true },
      );
    },
    propertyTimeoutMs,
  );

  it(
    "keeps every budget a tenant admin sends within the tenant file's ceiling, never 5xx",
    async () => {
      const ceilingUsd = (await loadTenant(tenantId)).limits.monthlyBudgetUsd;
      const token = await harness.platform.mintToken({ tenantId, scopes: ["budget:write", "usage:read"] });
      const amount = fc.oneof(
        fc.double({ min: 0, max: 1e12, noNaN: true }).map((value) => value.toFixed(6)),
        fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String),
        fc.string({ maxLength: 24 }),
        knownValues,
      );
      await fc.assert(
        fc.asyncProperty(
          amount,
          fc.oneof(fc.integer({ min: -5, max: 105 }), knownValues),
          async (budget, percent) => {
            // Act
            const response = await fetch(`${harness.platform.url}/${tenantId}/v1/budget`, {
              method: "PUT",
              headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
              body: JSON.stringify({ monthlyBudgetUsd: budget, alertThresholdPercent: percent }),
            });
            const text = await response.text();

            // Assess
            expectWellFormed(response.status, response.headers.get("content-type"), text);
            if (response.status === 200)
              expect(Number(JSON.parse(text).limitUsd)).toBeLessThanOrEqual(ceilingUsd);
          },
        ),
        { numRuns: runsPerRoute * 4, endOnFailure: true },
      );
    },
    propertyTimeoutMs,
  );
});

/** Sends only the request head (declaring `contentLength`), never the body, and resolves with the answer. */
function headOnly(path: string, token: string, contentLength: number) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const url = new URL(`${harness.platform.url}${path}`);
    const request = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          "content-length": String(contentLength),
        },
      },
      (response) => {
        let text = "";
        response.on("data", (chunk) => {
          text += chunk;
        });
        response.on("end", () => {
          resolve({ status: response.statusCode ?? 0, text });
          request.destroy();
        });
      },
    );
    request.on("error", reject);
    request.flushHeaders();
  });
}

describe("oversized bodies", () => {
  it("refuses a declared length over 10 MiB with 413 before reading the body", async () => {
    // Act: the head says 11 MiB; no byte of the body is ever sent
    const answer = await headOnly(
      `/${tenantId}/v1/chat/completions`,
      tokens.get("POST /v1/chat/completions") ?? "",
      11 * 1024 * 1024,
    );

    // Assess
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toMatchObject({
      message: "Request Entity Too Large",
      code: "PAYLOAD_TOO_LARGE",
    });
  });

  it("refuses a streamed body over the gateway's 10 MiB with 413 before it reaches the tenant's process", async () => {
    // Prepare
    const tenant = harness.platform.processes.get(tenantId)?.process;
    const invocationsBefore = tenant?.invocations;

    // Act
    const response = await fetch(`${harness.platform.url}/${tenantId}/v1/chat/completions`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${tokens.get("POST /v1/chat/completions")}`,
        "content-type": "application/json",
      },
      // A stream has no declared length: the gateway counts the bytes as they arrive.
      body: new Blob([Buffer.alloc(10 * 1024 * 1024 + 1, "a")]).stream(),
      duplex: "half",
    } as RequestInit);

    // Assess
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({
      message: "Request Entity Too Large",
      code: "PAYLOAD_TOO_LARGE",
    });
    expect(tenant?.invocations).toBe(invocationsBefore);
  });

  it("refuses a body over the handler's 4 MiB with 413 problem+json before parsing it", async () => {
    const response = await fetch(`${harness.platform.url}/${tenantId}/v1/conversations`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${tokens.get("POST /v1/conversations")}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ title: "x".repeat(5 * 1024 * 1024) }),
    });

    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toBe(problemMediaType);
    expect(await response.json()).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE" });
  });
});
