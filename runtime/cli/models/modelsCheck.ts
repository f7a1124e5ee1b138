import { type Command, InvalidArgumentError } from "commander";
import { awsRegionNamePattern } from "../../../stacks/awsRegionName.ts";
import type { CliContext } from "../cliContext.ts";
import { parseEnvironmentQualifier } from "../commands/parseEnvironmentQualifier.ts";
import type { ModelsCheckOptions } from "./runModelsCheck.ts";

/**
 * `silo models check [--tenants-dir DIR] [--region R] [--environment Q] [--json]`: before `pulumi up`, asks
 * Bedrock (GetFoundationModelAvailability, the control plane: nothing is invoked) whether the account may
 * use every foundation model the tenants allowlist, in every Region they call or route it to; prints each
 * status, the verdict and the fix for every model not ready. Exit 0 all ready, 1 any not ready, 2 usage.
 */
export function registerModelsCheck(models: Command, context: CliContext): void {
  models
    .command("check")
    .description(
      "check Bedrock model access (use-case form, Marketplace subscription, agreement, Region) for every tenant's models",
    )
    .option("--tenants-dir <dir>", "the tenants folder (default: tenants/ or SILO_TENANTS_DIR)")
    .option(
      "--region <region>",
      "the Region the tenants call Bedrock from (default: aws:region of Pulumi.shared.yaml, else $AWS_REGION, else $AWS_DEFAULT_REGION)",
      parseRegion,
    )
    .option(
      "--environment <qualifier>",
      "read the Region from the qualified shared stack (Pulumi.<qualifier>.shared.yaml)",
      parseEnvironmentQualifier,
    )
    .option("--json", "print the report as JSON")
    .action(async (options: ModelsCheckOptions) => {
      // The AWS SDK and the tenant schema load only when the command runs, so other commands start fast.
      const { runModelsCheck } = await import("./runModelsCheck.ts");
      await runModelsCheck(options, context);
    });
}

function parseRegion(value: string): string {
  if (!awsRegionNamePattern.test(value)) {
    throw new InvalidArgumentError(`"${value}" is not an AWS Region name; write it as e.g. us-east-1`);
  }
  return value;
}
