/**
 * The test upstream in a process of its own, as a real provider is to its clients: started by the streaming
 * benchmark, it prints `{"url": ...}` as one line once listening and stops when its standard input ends.
 * Usage: node --import tsx test/bench/support/upstreamProcess.ts <api key>
 */
import { startOpenAiUpstream } from "../../support/openAiUpstream/index.ts";

const upstream = await startOpenAiUpstream({ apiKey: process.argv[2] ?? "" });
process.stdout.write(`${JSON.stringify({ url: upstream.url })}\n`);
process.stdin.resume();
process.stdin.on("end", () => {
  void upstream.close().then(() => process.exit(0));
});
