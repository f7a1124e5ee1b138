import { type Command, Option } from "commander";
import { SiloError } from "../../core/errors/siloError.ts";
import { defaultDataDir } from "../../local/defaultDataDir.ts";
import { LocalStartError } from "../../local/localPlatformErrors.ts";
import type { CliContext } from "../cliContext.ts";

interface LocalOptions {
  port: string;
  dataDir: string;
  reset?: boolean;
  openaiBaseUrl?: string;
  quiet?: boolean;
}

/**
 * `silo local` (what `npm start` runs): the whole platform on this machine, until Ctrl-C. Progress goes to
 * stderr, the banner once everything is ready, and the JSON access and decision log to stdout. A failed
 * start is one line, `error [CODE]: ...` with the fix, and exit code 1, never a stack trace (unless
 * SILO_DEBUG is set).
 */
export function registerLocal(program: Command, context: CliContext): void {
  program
    .command("local")
    .description(
      "run the whole platform on this machine: embedded Postgres, dev IdP, gateway, one process per tenant",
    )
    .addOption(new Option("--port <port>", "gateway port on 127.0.0.1").env("SILO_PORT").default("8080"))
    .option(
      "--data-dir <dir>",
      "where Postgres data and the dev signing key live (SILO_DATA_DIR)",
      defaultDataDir(),
    )
    .option("--reset", "delete the data directory first and start clean")
    .option(
      "--openai-base-url <url>",
      "serve openai-compatible models from this endpoint (e.g. a local Ollama) instead of echo",
    )
    .option("--quiet", "do not print the JSON access log")
    .action(async (options: LocalOptions) => {
      const progress = (line: string) => context.err(`[silo local] ${line}\n`);
      const platform = await startOrExplain(context, async () => {
        // Loaded on use: the platform's modules are heavy, and other commands need none of them.
        const { startLocalPlatform } = await import("../../local/startLocalPlatform.ts");
        return await startLocalPlatform({
          port: Number(options.port),
          dataDir: options.dataDir,
          ...(options.reset ? { reset: true } : {}),
          ...(options.openaiBaseUrl ? { openAiBaseUrl: options.openaiBaseUrl } : {}),
          progress,
          log: options.quiet ? () => {} : (entry) => context.out(`${JSON.stringify(entry)}\n`),
        });
      });
      const example = platform.tenants[0]?.id ?? "<tenant>";
      const dataDirFlag = options.dataDir === defaultDataDir() ? "" : ` --data-dir ${options.dataDir}`;
      context.err(
        [
          "",
          `silo local is ready at ${platform.url}`,
          `  tenants:   ${platform.tenants.map((tenant) => `${platform.url}/${tenant.id}/v1`).join("\n             ")}`,
          `  issuer:    ${platform.issuer}`,
          `  audience:  ${platform.audience}`,
          `  JWKS:      ${platform.url}/_idp/jwks.json`,
          `  data dir:  ${platform.dataDir}`,
          "",
          "  try it:",
          `    TOKEN=$(npx silo token --tenant ${example} --port ${new URL(platform.url).port})`,
          `    curl -s -H "Authorization: Bearer $TOKEN" ${platform.url}/${example}/v1/models`,
          "",
          "  finance (read-only login, connection in ledger-finance.json under the data dir, mode 0600):",
          `    npx silo ledger report --month ${new Date().toISOString().slice(0, 7)} --format html --out ledger.html${dataDirFlag}`,
          "",
          "  Ctrl-C stops everything cleanly.",
          "",
        ].join("\n"),
      );
      await new Promise<void>((resolve) => {
        const shutdown = (signal: string) => {
          progress(`${signal}: stopping`);
          platform.stop().then(resolve, resolve);
        };
        process.once("SIGINT", () => shutdown("SIGINT"));
        process.once("SIGTERM", () => shutdown("SIGTERM"));
      });
      progress("stopped");
    });
}

/**
 * Runs the start, so that every way it can fail ends as one line: a `SiloError` as it is, anything else
 * as `LOCAL_START_FAILED`, including an `error` event nobody listened for (which would otherwise crash the
 * process with a stack trace). SILO_DEBUG=1 also prints the stack.
 */
async function startOrExplain<T>(context: CliContext, start: () => Promise<T>): Promise<T> {
  const explain = (error: unknown): SiloError => {
    if (process.env.SILO_DEBUG) context.err(`${(error as Error)?.stack ?? String(error)}\n`);
    return error instanceof SiloError ? error : new LocalStartError(error);
  };
  const crash = (error: unknown) => {
    const siloError = explain(error);
    context.err(`error [${siloError.code}]: ${siloError.message}\n`);
    process.exit(1);
  };
  process.on("uncaughtException", crash);
  try {
    return await start();
  } catch (error) {
    throw explain(error);
  } finally {
    process.off("uncaughtException", crash);
  }
}
