import { type Command, InvalidArgumentError, Option } from "commander";
import { isTenantId, tenantIdRule } from "../../../tenants/tenantId.ts";
import { defaultDataDir } from "../../local/defaultDataDir.ts";
import { commandTokenSource } from "../../smoke/commandTokenSource.ts";
import { formatCheckLine, formatSmokeReport, formatSmokeReportJson } from "../../smoke/formatSmokeReport.ts";
import { localTokenSource } from "../../smoke/localTokenSource.ts";
import { runSmoke } from "../../smoke/runSmoke.ts";
import type { TokenSource } from "../../smoke/tokenSource.ts";
import type { CliContext } from "../cliContext.ts";

interface SmokeCliOptions {
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
 * `silo smoke --url URL`: the conformance suite against the local platform or a deployed stack. Progress
 * per check goes to stderr, the report to stdout; exit 1 when any check fails, 0 otherwise.
 */
export function registerSmoke(program: Command, context: CliContext): void {
  program
    .command("smoke")
    .description(
      "run the conformance suite (positive calls, ledger, auth and cross-tenant denials) against a running platform",
    )
    .requiredOption("--url <url>", "base URL; tenant APIs are at <url>/<tenantId>/v1", parseUrl)
    .option(
      "--tenant <id...>",
      "tenants to check (repeatable; default: every tenant in tenants/); two or more for cross-tenant checks",
      collectTenant,
    )
    .option(
      "--token-command <command>",
      "shell command printing a token from the real IdP; {tenant} and {scopes} are replaced (SILO_SMOKE_TOKEN_COMMAND). Default: the local dev IdP",
      process.env.SILO_SMOKE_TOKEN_COMMAND,
    )
    .option(
      "--expired-token <token>",
      "an expired token from the real IdP, for the expired-token check with --token-command (SILO_SMOKE_EXPIRED_TOKEN)",
      process.env.SILO_SMOKE_EXPIRED_TOKEN,
    )
    .option(
      "--data-dir <dir>",
      "the local platform's data directory, for its signing key (SILO_DATA_DIR)",
      defaultDataDir(),
    )
    .option(
      "--port <port>",
      "the local platform's port in its token issuer (default: the port of --url)",
      parsePositive,
    )
    .addOption(new Option("--format <format>", "report format").choices(["text", "json"]).default("text"))
    .option("--timeout-ms <ms>", "timeout of each request and token command", parsePositive, 30_000)
    .action(async (options: SmokeCliOptions) => {
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
    });
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

function parseUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(`"${value}" is not a URL; e.g. http://127.0.0.1:8080`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidArgumentError(`"${value}" is not an http(s) URL; e.g. https://api.example.com`);
  }
  return url;
}

function collectTenant(value: string, previous: string[] | undefined): string[] {
  if (!isTenantId(value))
    throw new InvalidArgumentError(`"${value}" is not a tenant id: use ${tenantIdRule}`);
  return [...(previous ?? []), value];
}

function parsePositive(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new InvalidArgumentError(`"${value}" is not a whole number of at least 1`);
  }
  return number;
}
