import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

/** The pack's folder: the nodejs policy host runs the pack with it as the working directory. */
const packDir = fileURLToPath(new URL("../../../policies/", import.meta.url));

/** A running policy pack: the port of its Analyzer gRPC server, and how to stop it. */
export interface RunningPolicyPack {
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * Starts policies/ as the Pulumi CLI's nodejs policy host does for `pulumi preview --policy-pack policies`:
 * `node --import tsx index.ts` (PulumiPolicy.yaml's nodeargs and package.json's main) in the pack's folder,
 * whose first stdout line is the port of the Analyzer server it started. Fails with the child's stderr when
 * it exits or prints no port within `timeoutMs`.
 *
 * @example
 * const pack = await startPolicyPack();
 * const client = connectAnalyzer(pack.port);
 * await pack.stop();
 */
export async function startPolicyPack(timeoutMs = 20_000): Promise<RunningPolicyPack> {
  const child = spawn(process.execPath, ["--import", "tsx", "index.ts"], {
    cwd: packDir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exited = once(child, "exit");
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    await exited;
  };

  const port = await new Promise<number>((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      void stop().finally(() => reject(new Error(`the policy pack ${reason}; its stderr:\n${stderr}`)));
    };
    const timer = setTimeout(() => fail(`printed no port within ${timeoutMs} ms`), timeoutMs);
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(`exited (${signal ?? code}) before printing its port`);
    child.once("exit", onExit);
    child.once("error", (error) => fail(`could not start: ${error.message}`));
    child.stdout.on("data", (chunk: string) => {
      stdout += chunk;
      const line = stdout.split("\n", 2);
      if (line.length < 2) return;
      const port = Number(line[0]);
      clearTimeout(timer);
      child.off("exit", onExit);
      if (Number.isInteger(port) && port > 0) resolve(port);
      else fail(`printed ${JSON.stringify(line[0])} where its port belongs`);
    });
  });
  return { port, stop };
}
