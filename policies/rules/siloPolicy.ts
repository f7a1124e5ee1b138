import type { ResourceValidationPolicy, Severity } from "@pulumi/policy";

/**
 * A rule of the silo-kit pack: a plain CrossGuard policy whose metadata (severity, controls, link) is data,
 * so the pack, the offline plan, the tests and the catalogue in docs/policies.md all read the same object.
 */
export interface SiloPolicy extends ResourceValidationPolicy {
  /** `silo-<service>-<resource>-<check>`. */
  readonly name: string;
  /** What must hold, as one sentence. */
  readonly description: string;
  readonly enforcementLevel: "mandatory" | "advisory";
  readonly severity: Severity;
  /** Control ids, prefixed by framework: `fsbp:RDS.2` (AWS Foundational Security Best Practices), `nist:AC-3` (NIST 800-53 rev. 5). */
  readonly tags: string[];
  /** Where the control is explained. */
  readonly url: string;
}
