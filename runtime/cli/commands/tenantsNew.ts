import { type Command, Option } from "commander";
import { tenantIdRule } from "../../../tenants/tenantId.ts";
import { tiers } from "../../../tenants/tiers.ts";
import { defaultTenantsDir } from "../../core/tenants/defaultTenantsDir.ts";
import type { CliContext } from "../cliContext.ts";
import type { TenantsNewOptions } from "./runTenantsNew.ts";

/** `silo tenants new <id>`: writes a valid, commented `<dir>/<id>.yaml`; never overwrites a file. */
export function registerTenantsNew(tenants: Command, context: CliContext): void {
  tenants
    .command("new")
    .description("write a new, valid, commented tenant file from the template (never overwrites)")
    .argument("<id>", `tenant id: ${tenantIdRule}`)
    .addOption(new Option("--tier <tier>", "service tier").choices(tiers).default("standard"))
    .option("--display-name <name>", "human-readable tenant name (default: the id)")
    .option("--owner-email <email>", "owner contact email (default: a placeholder to replace)")
    .option("--dir <dir>", "tenants directory", defaultTenantsDir())
    .action(async (id: string, options: TenantsNewOptions) => {
      // The template and the tenant schema's checks load only when the command runs.
      const { runTenantsNew } = await import("./runTenantsNew.ts");
      await runTenantsNew(id, options, context);
    });
}
