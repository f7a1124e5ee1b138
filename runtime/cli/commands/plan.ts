import { type Command, InvalidArgumentError, Option } from "commander";
import { policyProfileNames } from "../../../policies/profiles/policyProfileNames.ts";
import type { CliContext } from "../cliContext.ts";
import { parseEnvironmentQualifier } from "./parseEnvironmentQualifier.ts";
import { type PlanOptions, planFormats } from "./planOptions.ts";

/**
 * `silo plan [--stack shared|tenant-<id>|all ...] [--environment QUALIFIER] [--program FILE --stack-name NAME]
 * [--config k=v ...]
 * [--profile baseline|regulated] [--format text|json|sarif|markdown] [--out FILE]
 * [--synthetic-tenants N [--seed S] [--synthetic-only]]`: the offline plan. Runs the stacks' programs under
 * Pulumi's mocks (no Pulumi CLI, no cloud account), records every resource, runs the policy pack over them
 * and reports the fleet's use of the account's AWS quotas; exits 1 when a mandatory rule is violated or a
 * quota is breached. `--environment staging` plans the fleet's stacks qualified with `staging`
 * (`staging.shared`, `staging.tenant-<id>`), whose physical names carry the qualifier (docs/deploy.md).
 */
export function registerPlan(program: Command, context: CliContext): void {
  program
    .command("plan")
    .description(
      "run the stacks under Pulumi mocks and check every resource against the policy pack (no cloud account needed)",
    )
    .option("--stack <name...>", "stacks to plan: all, shared or tenant-<id> (default: all)")
    .option(
      "--environment <qualifier>",
      "plan the stacks qualified with an environment (staging.shared, staging.tenant-<id>), as deployed beside the unqualified ones",
      parseEnvironmentQualifier,
    )
    .option("--program <file>", "plan any Pulumi TypeScript program instead of this project's stacks")
    .option("--stack-name <name>", "the stack name --program runs as", "dev")
    .option(
      "--config <key=value...>",
      "stack config for every planned stack, as `pulumi config set` takes it (repeatable)",
      (value: string, previous: string[]) => [...previous, value],
      [],
    )
    .addOption(
      new Option(
        "--profile <profile>",
        "policy profile for every stack (default: the tenant's tier)",
      ).choices(policyProfileNames),
    )
    .addOption(new Option("--format <format>", "report format").choices(planFormats).default("text"))
    .option("--out <file>", "write the report to FILE instead of stdout")
    .option("--tenants-dir <dir>", "the tenants folder (default: tenants/ or SILO_TENANTS_DIR)")
    .option(
      "--synthetic-tenants <count>",
      "also plan COUNT generated tenants (mixed tiers and networks) to see where the fleet breaks the account's quotas",
      (value: string) => wholeNumber(value, 1, maxSyntheticTenants),
    )
    .option(
      "--seed <seed>",
      "seed of the --synthetic-tenants generator",
      (value: string) => wholeNumber(value, 0, 2 ** 32 - 1),
      1,
    )
    .option(
      "--synthetic-only",
      "with --synthetic-tenants: plan only the generated tenants, not the tenant files",
    )
    .action(async (options: PlanOptions) => {
      // The pack and the programs load @pulumi/aws: only when the command runs, so `silo` starts fast.
      const { runPlan } = await import("./runPlan.ts");
      await runPlan(options, context);
    });
}

/** The most synthetic tenants a plan stamps: far beyond any one account's quotas (see docs/scale.md). */
export const maxSyntheticTenants = 100_000;

function wholeNumber(value: string, min: number, max: number): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) {
    throw new InvalidArgumentError(`"${value}" is not a whole number from ${min} to ${max}`);
  }
  return number;
}
