import { readFile } from "node:fs/promises";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  median,
  type ReliabilityPlatform,
  settledRows,
  startReliabilityPlatform,
  tenantClient,
} from "./support/reliabilityPlatform.ts";

/** How long the load runs: 600 s in `npm run soak`, or as set (`SILO_SOAK_SECONDS=60 npm run soak`). */
const soakSeconds = Number(process.env.SILO_SOAK_SECONDS ?? 600);
const workersPerTenant = 2;
const sampleEveryMs = 1000;
// Memory is sampled after a warm-up (JIT, pools and heaps growing to their working size), then is flat
// when the last third's median RSS is within this of the first third's.
const warmUpSeconds = Math.min(20, soakSeconds / 4);
const rssTolerance = { fraction: 0.25, bytes: 24 * 1024 * 1024 };

// The gateway runs in this process: a full GC before each of its samples shows retained memory, not garbage
// V8 has not collected yet.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

let harness: ReliabilityPlatform;
const modelOf: Record<string, string> = {
  "acme-health": "claude-sonnet",
  globex: "nova-micro",
  initech: "gpt-4o-mini",
};

beforeAll(async () => {
  // Limits raised so the soak measures the platform, not the tenants' throttles.
  harness = await startReliabilityPlatform("soak", {
    limits: Object.fromEntries(
      Object.keys(modelOf).map((tenantId) => [tenantId, { requestsPerSecond: 1000, burst: 2000 }]),
    ),
  });
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

interface TenantTally {
  requests: number;
  /** Model calls answered 2xx: each must have exactly one settled ledger row. */
  modelSuccesses: number;
  injectedFaults: number;
  /** 5xx answers to requests that were not injected faults: must stay 0. */
  unexpected5xx: Array<{ route: string; status: number; body: string }>;
  byStatus: Record<string, number>;
}

/** One step of a tenant app's traffic: mixed routes, with a model fault injected every 25th step. */
async function step(call: ReturnType<typeof tenantClient>, model: string, index: number, tally: TenantTally) {
  const kind =
    index % 25 === 24
      ? "fault"
      : ["chat", "chat", "chat", "message", "list", "usage", "template", "models"][index % 8];
  let route = kind ?? "chat";
  let response: Response;
  let modelCall = false;
  switch (kind) {
    case "fault":
      modelCall = true;
      response = await call("POST", "/v1/chat/completions", {
        model,
        messages: [{ role: "user", content: "[[silo:error]]" }],
      });
      break;
    case "message": {
      const created = await call("POST", "/v1/conversations", { title: `soak ${index}` });
      const conversation = (await created.json()) as { id: string };
      count(tally, "POST /v1/conversations", created.status, "");
      route = "POST /v1/conversations/{id}/messages";
      modelCall = true;
      response = await call("POST", `/v1/conversations/${conversation.id}/messages`, {
        content: `soak message ${index}`,
      });
      break;
    }
    case "list":
      route = "GET /v1/conversations";
      response = await call("GET", "/v1/conversations?limit=10");
      break;
    case "usage":
      route = "GET /v1/usage/summary";
      response = await call("GET", "/v1/usage/summary");
      break;
    case "template": {
      const created = await call("POST", "/v1/templates", {
        name: `soak-${index}-${Math.random().toString(36).slice(2, 8)}`,
        body: "Hello {{name}}",
      });
      const template = (await created.json()) as { id: string };
      count(tally, "POST /v1/templates", created.status, "");
      route = "POST /v1/templates/{id}/render";
      response = await call("POST", `/v1/templates/${template.id}/render`, { variables: { name: "soak" } });
      break;
    }
    case "models":
      route = "GET /v1/models";
      response = await call("GET", "/v1/models");
      break;
    default:
      route = "POST /v1/chat/completions";
      modelCall = true;
      response = await call("POST", "/v1/chat/completions", {
        model,
        messages: [{ role: "user", content: `soak ${index}` }],
      });
  }
  const body = await response.text();
  if (kind === "fault" && response.status === 502) tally.injectedFaults++;
  else count(tally, route, response.status, body);
  if (modelCall && response.status >= 200 && response.status < 300) tally.modelSuccesses++;
}

function count(tally: TenantTally, route: string, status: number, body: string): void {
  tally.requests++;
  tally.byStatus[status] = (tally.byStatus[status] ?? 0) + 1;
  if (status >= 500) tally.unexpected5xx.push({ route, status, body: body.slice(0, 300) });
}

/** Resident set size of a process in bytes (Linux `/proc`). */
async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) * 1024;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

describe("soak", () => {
  it(
    `serves mixed traffic of every tenant for ${soakSeconds} s: exact ledger, no unexpected 5xx, flat memory`,
    async () => {
      // Prepare
      const { platform, ledger } = harness;
      const tenantIds = Object.keys(modelOf);
      const settledBefore = new Map<string, number>();
      for (const tenantId of tenantIds) settledBefore.set(tenantId, await settledRows(ledger, tenantId));
      const tallies = new Map<string, TenantTally>(
        tenantIds.map((tenantId) => [
          tenantId,
          { requests: 0, modelSuccesses: 0, injectedFaults: 0, unexpected5xx: [], byStatus: {} },
        ]),
      );
      const pids = new Map(
        tenantIds.map((tenantId) => [tenantId, platform.processes.get(tenantId)?.process.pid ?? 0]),
      );
      const rss = new Map<string, number[]>([
        ["gateway", []],
        ...tenantIds.map((id) => [id, []] as [string, number[]]),
      ]);
      const heap: number[] = [];
      const deadline = Date.now() + soakSeconds * 1000;

      // Act
      const samplingFrom = Date.now() + warmUpSeconds * 1000;
      const sampler = setInterval(() => {
        if (Date.now() < samplingFrom) return;
        collectGarbage();
        rss.get("gateway")?.push(process.memoryUsage().rss);
        heap.push(process.memoryUsage().heapUsed);
        for (const [tenantId, pid] of pids) {
          rssOf(pid).then(
            (bytes) => rss.get(tenantId)?.push(bytes),
            () => undefined,
          );
        }
      }, sampleEveryMs);
      try {
        await Promise.all(
          tenantIds.flatMap((tenantId) =>
            Array.from({ length: workersPerTenant }, async (_, worker) => {
              const call = tenantClient(
                platform,
                tenantId,
                await platform.mintToken({ tenantId, ttlSeconds: 86_400 }),
              );
              const tally = tallies.get(tenantId) as TenantTally;
              for (let index = worker; Date.now() < deadline; index += workersPerTenant) {
                await step(call, modelOf[tenantId] ?? "", index, tally);
                await new Promise((resolve) => setTimeout(resolve, 10));
              }
            }),
          ),
        );
      } finally {
        clearInterval(sampler);
      }

      // Assess
      const memory = [...rss].map(([name, samples]) => {
        const third = Math.floor(samples.length / 3);
        const series = samples
          .filter((_, index) => index % 10 === 0)
          .map((bytes) => Math.round(bytes / 1024 / 1024));
        return {
          name,
          first: median(samples.slice(0, third)),
          last: median(samples.slice(-third)),
          samples: samples.length,
          series,
        };
      });
      for (const [tenantId, tally] of tallies) {
        console.log(
          `soak ${tenantId}: ${tally.requests} requests ${JSON.stringify(tally.byStatus)}, ` +
            `${tally.modelSuccesses} model responses, ${tally.injectedFaults} injected faults (502)`,
        );
      }
      for (const { name, first, last, series } of memory) {
        console.log(
          `soak RSS ${name}: first third ${mib(first)}, last third ${mib(last)} ` +
            `(${(((last - first) / first) * 100).toFixed(1)}%); every 10 s: ${series.join(" ")} MiB`,
        );
      }
      const heapThird = Math.floor(heap.length / 3);
      const heapFirst = median(heap.slice(0, heapThird));
      const heapLast = median(heap.slice(-heapThird));
      console.log(
        `soak gateway heap after GC: first third ${mib(heapFirst)}, last third ${mib(heapLast)}; every 10 s ` +
          `${heap
            .filter((_, index) => index % 10 === 0)
            .map((bytes) => Math.round(bytes / 1024 / 1024))
            .join(" ")} MiB`,
      );
      for (const [tenantId, tally] of tallies) {
        expect(tally.unexpected5xx).toEqual([]);
        expect(tally.modelSuccesses).toBeGreaterThan(0);
        expect(tally.injectedFaults).toBeGreaterThan(0);
        expect((await settledRows(ledger, tenantId)) - (settledBefore.get(tenantId) ?? 0)).toBe(
          tally.modelSuccesses,
        );
        expect(platform.processes.get(tenantId)?.process.pid).toBe(pids.get(tenantId));
      }
      for (const { first, last, samples } of memory) {
        expect(samples).toBeGreaterThanOrEqual(Math.floor((soakSeconds - warmUpSeconds) * 0.5));
        expect(last).toBeLessThanOrEqual(first * (1 + rssTolerance.fraction) + rssTolerance.bytes);
      }
      expect(heapLast).toBeLessThanOrEqual(heapFirst * (1 + rssTolerance.fraction) + 8 * 1024 * 1024);
    },
    soakSeconds * 1000 + 120_000,
  );
});
