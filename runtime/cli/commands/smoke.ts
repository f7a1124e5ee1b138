import { type Command, InvalidArgumentError, Option } from "commander";
import { isTenantId, tenantIdRule } from "../../../tenants/tenantId.ts";
import { defaultDataDir } from "../../local/defaultDataDir.ts";
import type { CliContext } from "../cliContext.ts";
import type { SmokeCliOptions } from "./runSmokeCommand.ts";

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
    .addOption(
      new Option(
        "--token-command <command>",
        "shell command printing a token from the real IdP; {tenant} and {scopes} are replaced. Default: the local dev IdP",
      ).env("SILO_SMOKE_TOKEN_COMMAND"),
    )
    .addOption(
      new Option(
        "--expired-token <token>",
        "an expired token from the real IdP, for the expired-token check with --token-command",
      ).env("SILO_SMOKE_EXPIRED_TOKEN"),
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
      // The checks and jose load only when the command runs, so other commands start fast.
      const { runSmokeCommand } = await import("./runSmokeCommand.ts");
      await runSmokeCommand(options, context);
    });
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
