import { Command } from "commander";
import packageJson from "../../package.json" with { type: "json" };
import type { CliContext } from "./cliContext.ts";
import { registerBuild } from "./commands/build.ts";
import { registerDeploy } from "./commands/deploy.ts";
import { registerLocal } from "./commands/local.ts";
import { registerLocalDb } from "./commands/localDb.ts";
import { registerOpenapi } from "./commands/openapi.ts";
import { registerPlan } from "./commands/plan.ts";
import { registerPolicyDocs } from "./commands/policyDocs.ts";
import { registerSmoke } from "./commands/smoke.ts";
import { registerTenantsList } from "./commands/tenantsList.ts";
import { registerTenantsNew } from "./commands/tenantsNew.ts";
import { registerTenantsOffboard } from "./commands/tenantsOffboard.ts";
import { registerTenantsRestore } from "./commands/tenantsRestore.ts";
import { registerTenantsValidate } from "./commands/tenantsValidate.ts";
import { registerToken } from "./commands/token.ts";
import { registerLedgerReconcile } from "./ledger/ledgerReconcile.ts";
import { registerLedgerReport } from "./ledger/ledgerReport.ts";
import { registerModelsCheck } from "./models/modelsCheck.ts";

/** The `silo` command tree, writing through `context` and throwing instead of exiting. */
export function createProgram(context: CliContext): Command {
  const program = new Command("silo")
    .description(
      "silo-kit: tenants, local platform, OpenAPI document, offline plan and ledger for the silo LLM platform",
    )
    .version(packageJson.version)
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeOut: context.out, writeErr: context.err })
    .exitOverride();

  const tenants = program
    .command("tenants")
    .description("validate, list and create tenant config files (tenants/<id>.yaml)");
  registerTenantsValidate(tenants, context);
  registerTenantsList(tenants, context);
  registerTenantsNew(tenants, context);
  registerTenantsOffboard(tenants, context);
  registerTenantsRestore(tenants, context);
  const ledger = program
    .command("ledger")
    .description("finance reports from the usage ledger and reconciliation with the AWS bill");
  registerLedgerReport(ledger, context);
  registerLedgerReconcile(ledger, context);
  const models = program
    .command("models")
    .description("Bedrock model access: check the account's prerequisites for every tenant's models");
  registerModelsCheck(models, context);
  const policy = program.command("policy").description("the CrossGuard policy pack: its catalogue");
  registerPolicyDocs(policy, context);
  registerLocal(program, context);
  registerLocalDb(program, context);
  registerToken(program, context);
  registerSmoke(program, context);
  registerOpenapi(program, context);
  registerPlan(program, context);
  registerBuild(program, context);
  registerDeploy(program, context);

  // Subcommands inherit output and exit handling so errors anywhere come back to runCli.
  for (const command of [
    tenants,
    ...tenants.commands,
    ledger,
    ...ledger.commands,
    models,
    ...models.commands,
    policy,
    ...policy.commands,
    ...program.commands,
  ]) {
    command.configureOutput({ writeOut: context.out, writeErr: context.err }).exitOverride();
  }
  return program;
}
