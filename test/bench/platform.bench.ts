/**
 * The local platform's added latency: chat completions for a tenant whose model is a tiny local
 * OpenAI-compatible echo server, through the whole path (gateway + authorizer + tenant process + two-phase
 * ledger), against calling that server directly; sequential and at concurrency 50, p50/p99.
 * Targets: sequential added p50 <= 2 ms and p99 <= 5 ms; >= 1,000 chat calls/s at concurrency 50.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { postJson } from "../../runtime/core/models/postJson.ts";
import { startLocalPlatform } from "../../runtime/local/startLocalPlatform.ts";

const sequentialCalls = 400;
const concurrentCalls = 3000;
const concurrency = 50;

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

/** An OpenAI-compatible server that echoes the last message, as small as a model server can be. */
async function startEchoServer(): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
        model: string;
        messages: Array<{ content: string }>;
      };
      const content = body.messages.at(-1)?.content ?? "";
      response.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          id: "chatcmpl-bench",
          object: "chat.completion",
          created: 0,
          model: body.model,
          choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
          usage: { prompt_tokens: 8, completion_tokens: 8, total_tokens: 16 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` };
}

/**
 * The load generator's client: node:http on keep-alive connections (the kit's own `postJson`), for the direct
 * calls and the platform calls alike. It shares two cores with everything it measures, and undici's fetch
 * cost about three times the CPU per call, so a fetch client charged its own work to the platform.
 */
const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  postJson(url, body, { headers, signal: new AbortController().signal, maxResponseBytes: 1 << 20 }).then(
    (answer) => answer.status,
  );

async function measure(call: () => Promise<number>, total: number, parallel: number) {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < total) {
        next++;
        const t0 = performance.now();
        const status = await call();
        latencies.push(performance.now() - t0);
        if (status !== 200) failures++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    perSecond: total / seconds,
    failures,
  };
}

/** Where a sequential call's time goes, from the p50 of each log figure (so the parts add up only roughly). */
function printBreakdown(clientP50: number, lines: Record<string, unknown>[]): void {
  const p50Of = (msg: string, field: string) => {
    const values = lines
      .filter((line) => line.msg === msg && typeof line[field] === "number")
      .map((line) => line[field] as number)
      .sort((a, b) => a - b);
    return percentile(values, 0.5);
  };
  const gateway = p50Of("access", "latencyMs");
  const handler = p50Of("request", "latencyMs");
  const [reserve, model, settle] = ["reserveMs", "modelMs", "settleMs"].map((field) =>
    p50Of("request", field),
  );
  const ms = (value: number) => `${value.toFixed(2)} ms`;
  console.log(
    `sequential p50, taken apart: client and HTTP to the gateway ${ms(clientP50 - gateway)}; ` +
      `gateway (authorizer, event, IPC) ${ms(gateway - handler)}; tenant handler ${ms(handler)}: ` +
      `ledger reserve ${ms(reserve ?? 0)}, model call ${ms(model ?? 0)}, ledger settle ${ms(settle ?? 0)}, ` +
      `the rest ${ms(handler - (reserve ?? 0) - (model ?? 0) - (settle ?? 0))}`,
  );
}

export async function run(): Promise<void> {
  const echo = await startEchoServer();
  // The gateway's access lines and the tenant's request lines (with the ledger and model phases) of the
  // sequential run, to take its latency apart.
  const logLines: Record<string, unknown>[] = [];
  let recording = false;
  const dataDir = await mkdtemp(join(tmpdir(), "silo-bench-platform-"));
  const tenantsDir = join(dataDir, "tenants");
  await rm(tenantsDir, { recursive: true, force: true });
  await import("node:fs/promises").then(({ mkdir }) => mkdir(tenantsDir, { recursive: true }));
  await writeFile(
    join(tenantsDir, "bench.yaml"),
    `id: bench
displayName: Benchmark tenant
tier: standard
contacts: [{ name: Bench, email: bench@example.com, role: owner }]
models:
  allowlist: [{ key: local-echo, provider: openai-compatible, modelId: gpt-4o-mini, baseUrl: ${echo.url} }]
  defaultModel: local-echo
limits: { monthlyBudgetUsd: 1000000, requestsPerSecond: 10000, burst: 20000, maxTokensPerRequest: 64, reservedConcurrency: 50 }
`,
  );
  const platform = await startLocalPlatform({
    dataDir,
    tenantsDir,
    port: 0,
    openAiBaseUrl: echo.url,
    log: (entry) => {
      if (recording) logLines.push(entry);
    },
  });
  const token = await platform.mintToken({ tenantId: "bench" });
  const body = JSON.stringify({
    model: "local-echo",
    messages: [{ role: "user", content: "ping" }],
    max_tokens: 16,
  });
  const direct = () => post(`${echo.url}/chat/completions`, body);
  const throughPlatform = () =>
    post(`${platform.url}/bench/v1/chat/completions`, body, { authorization: `Bearer ${token}` });

  await measure(throughPlatform, 200, 4); // warm-up: connections, JIT, token memo
  await measure(direct, 200, 4);
  const directSequential = await measure(direct, sequentialCalls, 1);
  recording = true;
  const platformSequential = await measure(throughPlatform, sequentialCalls, 1);
  recording = false;
  const directConcurrent = await measure(direct, concurrentCalls, concurrency);
  const platformConcurrent = await measure(throughPlatform, concurrentCalls, concurrency);

  const line = (label: string, result: Awaited<ReturnType<typeof measure>>) =>
    console.log(
      `${label.padEnd(34)} p50 ${result.p50.toFixed(2).padStart(7)} ms  p99 ${result.p99.toFixed(2).padStart(7)} ms  ` +
        `${Math.round(result.perSecond).toLocaleString("en-US").padStart(6)} calls/s${result.failures ? `  (${result.failures} failed)` : ""}`,
    );
  line("direct, sequential", directSequential);
  line("through the platform, sequential", platformSequential);
  line(`direct, concurrency ${concurrency}`, directConcurrent);
  line(`through the platform, concurrency ${concurrency}`, platformConcurrent);
  console.log(
    `added latency, sequential: p50 ${(platformSequential.p50 - directSequential.p50).toFixed(2)} ms (target <= 2 ms), ` +
      `p99 ${(platformSequential.p99 - directSequential.p99).toFixed(2)} ms (target <= 5 ms)`,
  );
  console.log(
    `chat calls/s at concurrency ${concurrency}: ${Math.round(platformConcurrent.perSecond)} (target >= 1,000)`,
  );
  printBreakdown(platformSequential.p50, logLines);

  await platform.stop();
  await new Promise<void>((resolve) => echo.server.close(() => resolve()));
  await rm(dataDir, { recursive: true, force: true });
}
