import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type { SiloResourcePolicy } from "../siloPolicy.ts";
import { siloTag } from "../siloTenantTag.ts";
import { resourceTenant } from "../stackOwner.ts";

/**
 * Reserved concurrency bounds a regulated tenant's blast radius and guarantees its capacity: one tenant's
 * traffic cannot take the account's whole concurrency from it (and -1, unreserved, is not a bound).
 * Functions of tier regulated (tag `silo:tier`) must reserve; for standard tenants reserving is opt-in,
 * because every reservation comes out of the account's quota (components/functions/functionSettings.ts).
 * Shared-edge functions (tagged `silo:tenant=shared`, e.g. the edge authorizer every tenant's requests pass
 * through) are exempt: a cap there would throttle all tenants at once.
 *
 * Severity: medium. Controls: NIST 800-53 SC-5, SC-6 (no FSBP control).
 * @see https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html
 */
export const functionReservedConcurrency: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-lambda-function-reserved-concurrency",
  description: "Lambda functions of regulated tenants must set reserved concurrency (0 or more).",
  enforcementLevel: "mandatory",
  severity: "medium",
  tags: ["nist:SC-5", "nist:SC-6"],
  url: "https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html",
  mutations: [
    {
      type: "aws:lambda/function:Function",
      change: "reservedConcurrentExecutions removed (regulated tenant)",
      mutate: (inputs) =>
        typeof inputs.reservedConcurrentExecutions === "number" && inputs.reservedConcurrentExecutions >= 0
          ? { ...inputs, reservedConcurrentExecutions: -1 }
          : undefined,
    },
  ],
  validateResource: validateResourceOfType(aws.lambda.Function, (fn, args, reportViolation) => {
    if (resourceTenant(args) === "shared") {
      args.notApplicable("shared-edge functions serve every tenant");
    }
    if (siloTag(args, "silo:tier") !== "regulated") {
      args.notApplicable("reserving concurrency is opt-in for tenants that are not regulated");
    }
    const reserved = fn.reservedConcurrentExecutions;
    if (typeof reserved !== "number" || reserved < 0) {
      reportViolation(
        `reservedConcurrentExecutions is ${String(reserved)}; a regulated tenant's functions reserve concurrency: set it from the tenant's limits.reservedConcurrency (default 5 for tier regulated).`,
      );
    }
  }),
};
