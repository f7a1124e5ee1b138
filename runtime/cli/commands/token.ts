import { type Command, Option } from "commander";
import { scopes } from "../../api/scopes.ts";
import { defaultDataDir } from "../../local/defaultDataDir.ts";
import type { CliContext } from "../cliContext.ts";
import type { TokenOptions } from "./runToken.ts";

/** `silo token --tenant ID [--scope "..."] [--ttl 15m] [--sub S] [--create-key]`: a token from the local dev IdP. */
export function registerToken(program: Command, context: CliContext): void {
  program
    .command("token")
    .description("print an access token for the local platform's dev identity provider")
    .requiredOption("--tenant <id>", "the tenant the token is for (tenant_id claim)")
    .option("--scope <scopes>", `space-separated scopes (default: all: ${Object.keys(scopes).join(" ")})`)
    .option("--ttl <duration>", "lifetime, e.g. 900, 15m, 1h", "15m")
    .option("--sub <subject>", "the token's subject", "local-user")
    .addOption(
      new Option("--port <port>", "the local platform's port (the issuer includes it)")
        .env("SILO_PORT")
        .default("8080"),
    )
    .option("--data-dir <dir>", "the local platform's data directory (SILO_DATA_DIR)", defaultDataDir())
    .option(
      "--create-key",
      "create a new dev signing key when the data directory has none (tokens the running platform refuses)",
      false,
    )
    .action(async (options: TokenOptions) => {
      // jose loads only when the command runs, so other commands start fast.
      const { runToken } = await import("./runToken.ts");
      await runToken(options, context);
    });
}
