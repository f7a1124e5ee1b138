import type { Command } from "commander";
import type { CliContext } from "../cliContext.ts";

/**
 * `silo local` (what `npm start` runs). The local platform lands with issue 6; until then this says plainly
 * what it will do and what works today, and exits 0, rather than pretending to start anything.
 */
export function registerLocal(program: Command, context: CliContext): void {
  program
    .command("local")
    .description(
      "run the whole platform on this machine (embedded Postgres, dev IdP, gateway) - not built yet",
    )
    .action(() => {
      context.out(
        [
          "silo local: the local platform is not built yet, so nothing was started.",
          "",
          "When it lands, `npm start` will run the whole request path on this machine with no AWS account:",
          "  - embedded Postgres with one database and role per tenant in tenants/, plus the usage ledger",
          "  - a dev identity provider (RS256, JWKS at http://127.0.0.1:8080/_idp/jwks.json)",
          "  - a gateway on 127.0.0.1:8080 emulating each tenant's HTTP API and the shared edge authorizer",
          "  - each tenant's handlers in its own process, with the echo model",
          "",
          "What works today:",
          "  npx silo tenants validate     check every tenant file",
          "  npx silo tenants list         list the tenants",
          "  npx silo tenants new <id>     create a tenant file from the template",
          "",
        ].join("\n"),
      );
    });
}
