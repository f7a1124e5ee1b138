import { Worker } from "node:worker_threads";

/** What a flood sent and how it was answered. */
export interface FloodReport {
  readonly sent: number;
  /** Count of answers by HTTP status; requests never answered are missing from it. */
  readonly statuses: Readonly<Record<string, number>>;
}

// Plain JavaScript, so the worker needs no TypeScript loader. Open loop: requests leave at `ratePerSecond`
// whatever the answers do, up to `maxInFlight` outstanding. The request is serialized once and written
// pipelined on a few keep-alive sockets, and answers are counted from their status lines: the flood itself
// costs the shared machine as little CPU as possible, so what B feels is the gateway, not the test's client.
const floodSource = `
const { parentPort, workerData } = require("node:worker_threads");
const net = require("node:net");
const { url, headers, body, ratePerSecond, maxInFlight } = workerData;
const target = new URL(url);
const head = [
  "POST " + target.pathname + " HTTP/1.1",
  "host: " + target.host,
  "connection: keep-alive",
  "content-length: " + Buffer.byteLength(body),
  ...Object.entries(headers).map(([name, value]) => name + ": " + value),
].join("\\r\\n");
const request = Buffer.from(head + "\\r\\n\\r\\n" + body);
const statuses = {};
let sent = 0;
let received = 0;
let next = 0;
const sockets = Array.from({ length: 4 }, () => {
  const socket = net.connect({ host: target.hostname, port: Number(target.port) });
  socket.setNoDelay(true);
  let tail = "";
  socket.on("data", (chunk) => {
    const text = tail + chunk.toString("latin1");
    const statusLine = /HTTP\\/1\\.1 (\\d{3}) /g;
    let match;
    let end = 0;
    while ((match = statusLine.exec(text)) !== null) {
      statuses[match[1]] = (statuses[match[1]] ?? 0) + 1;
      received++;
      end = statusLine.lastIndex;
    }
    tail = text.slice(Math.max(end, text.length - 16));
  });
  socket.on("error", () => undefined);
  return socket;
});
let startedAt = 0;
let sentAtStart = 0;
let timer;
parentPort.on("message", (message) => {
  if (message === "start") {
    startedAt = performance.now();
    sentAtStart = sent;
    timer = setInterval(() => {
      const due = Math.floor(((performance.now() - startedAt) / 1000) * ratePerSecond) - (sent - sentAtStart);
      for (let index = 0; index < due && sent - received < maxInFlight; index++) {
        sockets[next++ % sockets.length].write(request);
        sent++;
      }
    }, 5);
  } else if (message === "pause") {
    clearInterval(timer);
  } else if (message === "report") {
    const deadline = performance.now() + 10000;
    const settle = setInterval(() => {
      if (sent > received && performance.now() < deadline) return;
      clearInterval(settle);
      for (const socket of sockets) socket.destroy();
      parentPort.postMessage({ sent, statuses });
    }, 20);
  }
});
`;

/**
 * A flood of identical POST requests from a worker thread, so its client work does not run on the event
 * loop of the gateway it floods. The gateway must answer on the same connection (HTTP/1.1 keep-alive). `start` and `pause` it as often as needed; `report` waits for the
 * requests in flight and returns the totals; `close` ends the worker.
 */
export function startFlood(args: {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly ratePerSecond: number;
  readonly maxInFlight?: number;
}) {
  const worker = new Worker(floodSource, {
    eval: true,
    workerData: { ...args, maxInFlight: args.maxInFlight ?? 32 },
  });
  return {
    start: () => worker.postMessage("start"),
    pause: () => worker.postMessage("pause"),
    report: () =>
      new Promise<FloodReport>((resolve) => {
        worker.once("message", (report: FloodReport) => resolve(report));
        worker.postMessage("report");
      }),
    close: async () => {
      await worker.terminate();
    },
  };
}
