import { SiloError } from "../../runtime/core/errors/siloError.ts";

/**
 * The shape of an environment qualifier (`staging`, `uat2`): 2 to 10 lowercase letters and digits, starting
 * with a letter. It is the first part of a qualified stack's name (`staging.tenant-acme`) and of every
 * physical name of that stack (`staging-silo-acme-chat`, `/staging/silo/acme/…`), so it has no `-`, `.` or
 * `/` (which would make it ambiguous with a tenant id) and is short enough that a 32-character tenant id's
 * longest names stay within AWS limits (63 for RDS identifiers, 64 for roles, functions and inference
 * profiles; components/common/resourceNames.ts).
 */
export const environmentQualifierPattern = /^[a-z][a-z0-9]{1,9}$/;

/** Plain-words description of {@link environmentQualifierPattern}, for error messages. */
export const environmentQualifierRule = "2-10 characters of a-z and 0-9, starting with a letter";

/**
 * Qualifiers refused although well-formed: `silo` would make `silo-silo-acme` ambiguous with tenant
 * `silo-acme`'s unqualified names.
 */
const reservedQualifiers: readonly string[] = ["silo"];

/**
 * Returns `value` when it is a usable environment qualifier; otherwise throws `ENVIRONMENT_QUALIFIER_INVALID`
 * naming the value, the rule and the fix.
 *
 * @example
 * checkEnvironmentQualifier("staging"); // "staging"
 * checkEnvironmentQualifier("Staging"); // throws ENVIRONMENT_QUALIFIER_INVALID
 */
export function checkEnvironmentQualifier(value: string): string {
  if (reservedQualifiers.includes(value)) {
    throw new SiloError(
      "ENVIRONMENT_QUALIFIER_INVALID",
      `environment qualifier "${value}" is reserved (it would read as part of a tenant's names); choose another, e.g. staging`,
    );
  }
  if (!environmentQualifierPattern.test(value)) {
    throw new SiloError(
      "ENVIRONMENT_QUALIFIER_INVALID",
      `environment qualifier "${value}" is not ${environmentQualifierRule}; use e.g. staging, uat or perf2`,
    );
  }
  return value;
}
