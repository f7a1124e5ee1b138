import type { Command } from "commander";
import { defaultTenantsDir } from "../../core/tenants/defaultTenantsDir.ts";
import type { CliContext } from "../cliContext.ts";
import type { ValidateOptions } from "./runTenantsValidate.ts";

/**
 * `silo tenants validate [--dir DIR] [--identity-profile NAME]`: exit 0 when every tenant file is valid and
 * fits the shared stack's identity profile, 1 with every problem otherwise.
 */
export function registerTenantsValidate(tenants: Command, context: CliContext): void {
  tenants
    .command("validate")
    .description("validate every tenant file; list every problem as FILE:LINE:COLUMN field: message")
    .option("--dir <dir>", "tenants directory", defaultTenantsDir())
    .option(
      "--identity-profile <name>",
      "the shared stack's identity profile, to check each tenant's identity block against (default: silo:identityProfile in --stack-file, else generic)",
    )
    .option(
      "--tenant-source <source>",
      "override the profile's tenant source: claim, prefixed-entry or organization",
    )
    .option("--stack-file <file>", "the shared stack's config file", "Pulumi.shared.yaml")
    .action(async (options: ValidateOptions) => {
      // The tenant schema loads only when the command runs, so other commands start fast.
      const { runTenantsValidate } = await import("./runTenantsValidate.ts");
      await runTenantsValidate(options, context);
    });
}
