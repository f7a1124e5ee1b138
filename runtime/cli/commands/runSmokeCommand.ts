import { commandTokenSource } from "../../smoke/commandTokenSource.ts";
import { formatCheckLine, formatSmokeReport, formatSmokeReportJson } from "../../smoke/formatSmokeReport.ts";
import { localTokenSource } from "../../smoke/localTokenSource.ts";
import { runSmoke } from "../../smoke/runSmoke.ts";
import type { TokenSource } from "../../smoke/tokenSource.ts";
import type { CliContext } from "../cliContext.ts";

/** The options of `silo smoke`, as parsed. */
export interface SmokeCliOptions {
  url: URL;
  tenant?: string[];
  tokenCommand?: string;
  expiredToken?: string;
  dataDir: string;
  port?: number;
  format: "text" | "json";
  timeoutMs: number;
}

/**
 * The action of `silo smoke` (runtime/cli/commands/smoke.ts): runs the suite, progress per check on stderr,
 * the report on stdout; exit code 1 when any check fails.
 */
export async function runSmokeCommand(options: SmokeCliOptions, context: CliContext): Promise<void> {
  const tokens = await tokenSourceOf(options);
  const report = await runSmoke({
    url: options.url.href,
    tokens,
    ...(options.tenant ? { tenantIds: options.tenant } : {}),
    timeoutMs: options.timeoutMs,
    onCheck: (check) => context.err(`[silo smoke] ${formatCheckLine(check)}\n`),
  });
  context.out(options.format === "json" ? formatSmokeReportJson(report) : formatSmokeReport(report));
  context.exitCode = report.failed > 0 ? 1 : 0;
}

async function tokenSourceOf(options: SmokeCliOptions): Promise<TokenSource> {
  if (options.tokenCommand) {
    return commandTokenSource({
      command: options.tokenCommand,
      timeoutMs: options.timeoutMs,
      ...(options.expiredToken ? { expiredToken: options.expiredToken } : {}),
    });
  }
  const port = options.port ?? Number(options.url.port || (options.url.protocol === "https:" ? 443 : 80));
  return await localTokenSource({ dataDir: options.dataDir, port });
}
