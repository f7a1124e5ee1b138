import { SiloError } from "../../core/errors/siloError.ts";

/**
 * A rule threw instead of reporting: a bug in the rule (or a resource shape it did not expect), never a
 * pass. The analyzer fails the preview the same way ("Error validating resource with policy ...").
 */
export class PolicyRuleError extends SiloError {
  constructor(policy: string, subject: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      "POLICY_RULE_FAILED",
      `policy ${policy} threw on ${subject}: ${reason}; fix the rule in policies/rules/ (a rule reports violations, it does not throw).`,
      { cause },
    );
  }
}
