import { join } from "node:path";
import { checkEnvironmentQualifier } from "../../../components/common/environmentQualifier.ts";

/**
 * The folder of one tenant's offboarding in one environment, under `--state-dir`: `<root>/<id>` for the
 * unqualified stacks (as before qualifiers existed, so an offboarding begun then resumes), `<root>/<qualifier>.<id>`
 * for qualified ones, so a staging and a production offboarding of the same tenant never share a state file
 * or an export. A qualifier has no `.` and a tenant id has none either, so the two forms never meet.
 *
 * @example
 * offboardingStateDir(".silo/offboard", "acme"); // ".silo/offboard/acme"
 * offboardingStateDir(".silo/offboard", "acme", "staging"); // ".silo/offboard/staging.acme"
 */
export function offboardingStateDir(root: string, tenantId: string, environmentQualifier?: string): string {
  return join(
    root,
    environmentQualifier === undefined
      ? tenantId
      : `${checkEnvironmentQualifier(environmentQualifier)}.${tenantId}`,
  );
}
