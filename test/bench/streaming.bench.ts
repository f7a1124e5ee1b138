/**
 * The local platform's added time to first token: streamed chat completions (`stream: true`) for a tenant
 * whose model is the local OpenAI-compatible test upstream, through the whole path (gateway + authorizer +
 * tenant process + ledger reservation), against streaming from that upstream directly; sequential, p50/p99
 * of the time to the first content chunk and to `[DONE]`. Then the added total latency of non-streaming
 * calls on the same path. Target: added time-to-first-token p50 <= 1.5 ms.
 */
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { Agent, request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { startLocalPlatform } from "../../runtime/local/startLocalPlatform.ts";
import { startOpenAiUpstream } from "../support/openAiUpstream/index.ts";
import { type CpuByRole, cpuBetween, processTreeCpu } from "./support/processTreeCpu.ts";

/** Each kind of call runs this many times in all, in rounds of {@link callsPerRound}, the kinds interleaved. */
const sequentialCalls = 500;
const callsPerRound = 50;
const warmupCalls = 200;
const apiKey = "sk-bench-upstream";
const targetAddedTtftP50Ms = 1.5;
const upstreamProcessScript = fileURLToPath(new URL("./support/upstreamProcess.ts", import.meta.url));

/**
 * The same test upstream in a process of its own (support/upstreamProcess.ts). In the main comparison the
 * upstream shares the benchmark's process, so calling it directly crosses no process at all, while the
 * platform's tenant process reaches it across one, as it would a real provider over the network.
 */
async function startUpstreamProcess(key: string) {
  const child = spawn(process.execPath, ["--import", "tsx", upstreamProcessScript, key], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", (line) =>
      resolve((JSON.parse(line) as { url: string }).url),
    );
    child.once("exit", (code) => reject(new Error(`the upstream process exited with ${code}`)));
  });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.stdin.end();
      }),
  };
}

/** What one call took: to the first content chunk (streams only) and to the end of the body. */
interface CallTiming {
  readonly status: number;
  readonly firstTokenMs: number;
  readonly totalMs: number;
}

/**
 * One POST on a keep-alive connection, timed by node:http (not fetch: the client shares two cores with
 * everything it measures, and undici's extra CPU would be charged to the platform). For a stream, the first
 * token is the first `data:` event whose delta has non-empty content; both paths are parsed the same way.
 */
function timedPost(url: string, body: string, agent: Agent, headers: Record<string, string> = {}) {
  return new Promise<CallTiming>((resolve, reject) => {
    const started = performance.now();
    let firstTokenMs = Number.NaN;
    let pending = "";
    const request = httpRequest(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          ...headers,
        },
      },
      (response) => {
        response.setEncoding("utf8");
        response.on("data", (text: string) => {
          if (!Number.isNaN(firstTokenMs)) return;
          pending += text;
          let boundary = pending.indexOf("\n\n");
          while (boundary >= 0 && Number.isNaN(firstTokenMs)) {
            const event = pending.slice(0, boundary);
            pending = pending.slice(boundary + 2);
            if (hasContent(event)) firstTokenMs = performance.now() - started;
            boundary = pending.indexOf("\n\n");
          }
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, firstTokenMs, totalMs: performance.now() - started }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

function hasContent(event: string): boolean {
  if (!event.startsWith("data: ") || event === "data: [DONE]") return false;
  const chunk = JSON.parse(event.slice(6)) as { choices?: { delta?: { content?: string | null } }[] };
  return (chunk.choices?.[0]?.delta?.content ?? "") !== "";
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

/** Which part of the local platform a descendant process is, by its command line. */
const roleOf = (commandLine: string) =>
  commandLine.includes("tenant-worker")
    ? "tenant process"
    : commandLine.includes("postgres")
      ? "Postgres"
      : commandLine.includes("upstreamProcess")
        ? "upstream process"
        : undefined;

/** Sequential calls of one kind, pooled over the rounds they ran in: every timing and the CPU by role. */
interface Series {
  readonly firstToken: number[];
  readonly whole: number[];
  failures: number;
  readonly cpuMs: Record<string, number>;
}

const newSeries = (): Series => ({ firstToken: [], whole: [], failures: 0, cpuMs: {} });

/** Runs `total` sequential calls and adds their timings and the CPU they used to `series`. */
async function runInto(series: Series, call: () => Promise<CallTiming>, total: number): Promise<void> {
  const cpuBefore = processTreeCpu(process.pid, roleOf);
  for (let index = 0; index < total; index++) {
    const timing = await call();
    if (timing.status !== 200) series.failures++;
    series.firstToken.push(timing.firstTokenMs);
    series.whole.push(timing.totalMs);
  }
  const cpuAfter = processTreeCpu(process.pid, roleOf);
  if (!cpuBefore || !cpuAfter) return;
  for (const [role, ms] of Object.entries(cpuBetween(cpuBefore, cpuAfter))) {
    series.cpuMs[role] = (series.cpuMs[role] ?? 0) + ms;
  }
}

/** p50/p99 of the first token and of the whole call, and the CPU per call by role. */
function figuresOf(series: Series) {
  const firstToken = [...series.firstToken].sort((a, b) => a - b);
  const whole = [...series.whole].sort((a, b) => a - b);
  return {
    cpuPerCallUs: perCall(series.cpuMs, whole.length),
    firstTokenP50: percentile(firstToken, 0.5),
    firstTokenP99: percentile(firstToken, 0.99),
    totalP50: percentile(whole, 0.5),
    totalP99: percentile(whole, 0.99),
    failures: series.failures,
  };
}

type Figures = ReturnType<typeof figuresOf>;

function perCall(cpuMs: CpuByRole, calls: number): CpuByRole {
  return Object.fromEntries(Object.entries(cpuMs).map(([role, ms]) => [role, (ms * 1000) / calls] as const));
}

/**
 * CPU per call by process: unlike latency it barely moves when other work shares the two cores, so it
 * shows what a change to the path saves even on a busy machine (Linux only; 10 ms clock ticks).
 */
function printCpu(label: string, figures: Figures): void {
  const entries = Object.entries(figures.cpuPerCallUs).filter(([, us]) => us > 0);
  if (entries.length === 0) return;
  const total = entries.reduce((sum, [, us]) => sum + us, 0);
  const parts = entries.map(([role, us]) => `${role === "self" ? "bench process" : role} ${us.toFixed(0)}`);
  console.log(`CPU per call, ${label}: ${total.toFixed(0)} us (${parts.join(", ")})`);
}

const ms = (value: number) => `${value.toFixed(2).padStart(6)} ms`;

function printLine(label: string, figures: Figures, streamed: boolean): void {
  const firstToken = streamed
    ? `first token p50 ${ms(figures.firstTokenP50)} p99 ${ms(figures.firstTokenP99)}  `
    : "";
  console.log(
    `${label.padEnd(36)} ${firstToken}total p50 ${ms(figures.totalP50)} p99 ${ms(figures.totalP99)}` +
      `${figures.failures ? `  (${figures.failures} failed)` : ""}`,
  );
}

/** Where a streamed call's time to first token goes, from the p50 of each log figure (roughly additive). */
function printBreakdown(directTtftP50: number, platformTtftP50: number, lines: Record<string, unknown>[]) {
  const p50Of = (msg: string, field: string) =>
    percentile(
      lines
        .filter((line) => line.msg === msg && typeof line[field] === "number")
        .map((line) => line[field] as number)
        .sort((a, b) => a - b),
      0.5,
    );
  const reserve = p50Of("request", "reserveMs");
  const firstEvent = p50Of("request", "firstEventMs");
  const rest = platformTtftP50 - reserve - firstEvent;
  console.log(
    `streamed first token p50, taken apart: ledger reservation ${ms(reserve)}; reservation to the provider's ` +
      `first event ${ms(firstEvent)} (the upstream alone: ${ms(directTtftP50)}); client, gateway, authorizer, ` +
      `IPC to and from the tenant process and request parsing ${ms(rest)}`,
  );
}

export async function run(): Promise<void> {
  const upstream = await startOpenAiUpstream({ apiKey });
  const remoteUpstream = await startUpstreamProcess(apiKey);
  const logLines: Record<string, unknown>[] = [];
  let recording = false;
  const dataDir = await mkdtemp(join(tmpdir(), "silo-bench-streaming-"));
  const tenantsDir = join(dataDir, "tenants");
  await mkdir(tenantsDir, { recursive: true });
  await writeFile(
    join(tenantsDir, "bench.yaml"),
    `id: bench
displayName: Benchmark tenant
tier: standard
contacts: [{ name: Bench, email: bench@example.com, role: owner }]
models:
  allowlist:
    - { key: local-upstream, provider: openai-compatible, modelId: gpt-4o-mini, baseUrl: ${upstream.url} }
    - { key: remote-upstream, provider: openai-compatible, modelId: gpt-4o-mini, baseUrl: ${remoteUpstream.url} }
  defaultModel: local-upstream
limits: { monthlyBudgetUsd: 1000000, requestsPerSecond: 10000, burst: 20000, maxTokensPerRequest: 64, reservedConcurrency: 50 }
`,
  );
  const platform = await startLocalPlatform({
    dataDir,
    tenantsDir,
    port: 0,
    openAiBaseUrl: upstream.url,
    openAiApiKey: apiKey,
    log: (entry) => {
      if (recording) logLines.push(entry);
    },
  });
  const token = await platform.mintToken({ tenantId: "bench" });
  const directAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  const platformAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  const messages = [{ role: "user", content: "ping the model and stream the answer back" }];
  const streamBody = JSON.stringify({
    model: "gpt-4o-mini",
    messages,
    max_tokens: 32,
    stream: true,
    stream_options: { include_usage: true },
  });
  const plainBody = JSON.stringify({ model: "gpt-4o-mini", messages, max_tokens: 32 });
  const platformBody = (body: string) => body.replace('"model":"gpt-4o-mini"', '"model":"local-upstream"');
  const upstreamHeaders = { authorization: `Bearer ${apiKey}` };
  const platformHeaders = { authorization: `Bearer ${token}` };
  const direct = (body: string) => () =>
    timedPost(`${upstream.url}/chat/completions`, body, directAgent, upstreamHeaders);
  const throughPlatform = (body: string) => () =>
    timedPost(
      `${platform.url}/bench/v1/chat/completions`,
      platformBody(body),
      platformAgent,
      platformHeaders,
    );
  const remoteAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  const directRemote = (body: string) => () =>
    timedPost(`${remoteUpstream.url}/chat/completions`, body, remoteAgent, upstreamHeaders);
  const throughPlatformToRemote = (body: string) => () =>
    timedPost(
      `${platform.url}/bench/v1/chat/completions`,
      body.replace('"model":"gpt-4o-mini"', '"model":"remote-upstream"'),
      platformAgent,
      platformHeaders,
    );

  try {
    // Warm-up: connections, JIT, the authorizer's token memo, the tenant's pools.
    const warmup = newSeries();
    for (const call of [
      throughPlatform(streamBody),
      throughPlatform(plainBody),
      direct(streamBody),
      direct(plainBody),
      directRemote(streamBody),
      throughPlatformToRemote(streamBody),
    ]) {
      await runInto(warmup, call, warmupCalls);
    }

    // Interleaved rounds, so a noisy neighbour on the shared cores (or a burst of the platform's own
    // background work) hits every kind of call alike instead of the one that happened to run then.
    const series = {
      directStream: newSeries(),
      platformStream: newSeries(),
      directPlain: newSeries(),
      platformPlain: newSeries(),
      directRemoteStream: newSeries(),
      platformRemoteStream: newSeries(),
    };
    for (let round = 0; round < sequentialCalls / callsPerRound; round++) {
      await runInto(series.directStream, direct(streamBody), callsPerRound);
      recording = true;
      await runInto(series.platformStream, throughPlatform(streamBody), callsPerRound);
      recording = false;
      await runInto(series.directPlain, direct(plainBody), callsPerRound);
      await runInto(series.platformPlain, throughPlatform(plainBody), callsPerRound);
      await runInto(series.directRemoteStream, directRemote(streamBody), callsPerRound);
      await runInto(series.platformRemoteStream, throughPlatformToRemote(streamBody), callsPerRound);
    }
    const directStream = figuresOf(series.directStream);
    const platformStream = figuresOf(series.platformStream);
    const directPlain = figuresOf(series.directPlain);
    const platformPlain = figuresOf(series.platformPlain);
    const directRemoteStream = figuresOf(series.directRemoteStream);
    const platformRemoteStream = figuresOf(series.platformRemoteStream);

    printLine("direct, streamed", directStream, true);
    printLine("through the platform, streamed", platformStream, true);
    printLine("direct, not streamed", directPlain, false);
    printLine("through the platform, not streamed", platformPlain, false);
    const addedTtftP50 = platformStream.firstTokenP50 - directStream.firstTokenP50;
    console.log(
      `added time to first token: p50 ${ms(addedTtftP50)} (target <= ${targetAddedTtftP50Ms} ms: ` +
        `${addedTtftP50 <= targetAddedTtftP50Ms ? "met" : "MISSED"}), ` +
        `p99 ${ms(platformStream.firstTokenP99 - directStream.firstTokenP99)}; ` +
        `ratio p50 ${(platformStream.firstTokenP50 / directStream.firstTokenP50).toFixed(1)}x`,
    );
    console.log(
      `added total latency, streamed: p50 ${ms(platformStream.totalP50 - directStream.totalP50)}, ` +
        `p99 ${ms(platformStream.totalP99 - directStream.totalP99)}`,
    );
    console.log(
      `added total latency, not streamed: p50 ${ms(platformPlain.totalP50 - directPlain.totalP50)}, ` +
        `p99 ${ms(platformPlain.totalP99 - directPlain.totalP99)}; ` +
        `ratio p50 ${(platformPlain.totalP50 / directPlain.totalP50).toFixed(1)}x`,
    );
    printBreakdown(directStream.firstTokenP50, platformStream.firstTokenP50, logLines);
    printCpu("direct, streamed", directStream);
    printCpu("through the platform, streamed", platformStream);
    printCpu("direct, not streamed", directPlain);
    printCpu("through the platform, not streamed", platformPlain);
    printLine("upstream in its own process, direct", directRemoteStream, true);
    printLine("upstream in its own process, platform", platformRemoteStream, true);
    console.log(
      `added time to first token with the upstream in a process of its own (as a real provider): p50 ` +
        `${ms(platformRemoteStream.firstTokenP50 - directRemoteStream.firstTokenP50)}, p99 ` +
        `${ms(platformRemoteStream.firstTokenP99 - directRemoteStream.firstTokenP99)} (for comparison; the target line above is the in-process one)`,
    );
  } finally {
    directAgent.destroy();
    platformAgent.destroy();
    remoteAgent.destroy();
    await remoteUpstream.close();
    await platform.stop();
    await upstream.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
