import { InvalidArgumentError } from "commander";
import { checkEnvironmentQualifier } from "../../../components/common/environmentQualifier.ts";

/**
 * The `--environment <qualifier>` value of every command that acts on qualified stacks (`silo plan`,
 * `silo deploy`, `silo tenants offboard`, `silo tenants restore`): one check, so each refuses the same values
 * with the same message (the value, the rule and the fix) before it runs anything.
 *
 * @example
 * program.option("--environment <qualifier>", "...", parseEnvironmentQualifier);
 */
export function parseEnvironmentQualifier(value: string): string {
  try {
    return checkEnvironmentQualifier(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}
