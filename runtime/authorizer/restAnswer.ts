import type { DenyReason } from "./denyReason.ts";

/** The statement of a REST authorizer's policy: invoke exactly one method ARN, or not. */
export interface MethodStatement {
  readonly Action: "execute-api:Invoke";
  readonly Effect: "Allow" | "Deny";
  readonly Resource: string;
}

/** What a REST API REQUEST authorizer returns: the caller, a policy, and the context for the Lambda. */
export interface RestAuthorizerPolicy<Context> {
  readonly principalId: string;
  readonly policyDocument: { readonly Version: "2012-10-17"; readonly Statement: readonly MethodStatement[] };
  readonly context?: Context;
}

/**
 * How a REST API learns of a refusal, by reason:
 * - `unauthorized`: the request carries no usable token (absent, malformed, not verifiable, expired...).
 *   The authorizer throws `Unauthorized` and API Gateway answers 401 (gateway response UNAUTHORIZED), so
 *   the client knows to get a new token.
 * - `deny`: the token is valid but not for this API, route or scope, or the API or event is misconfigured.
 *   A Deny policy on the invoked method; API Gateway answers 403 (ACCESS_DENIED) and caches the decision
 *   for this token and route only.
 * - `failure`: the authorizer could not decide (JWKS or discovery unreachable, a bug). It throws, and API
 *   Gateway answers 500 (AUTHORIZER_FAILURE) without caching anything, so the next request decides again.
 */
export type RestRefusal = "unauthorized" | "deny" | "failure";

const denied: ReadonlySet<DenyReason> = new Set<DenyReason>([
  "tenant_mismatch",
  "stage_tenant_missing",
  "stage_organization_missing",
  "unknown_route",
  "missing_scope",
  "method_arn_mismatch",
]);

/** The refusal of a REST API for a deny reason (see {@link RestRefusal}). */
export function restRefusalFor(reason: DenyReason): RestRefusal {
  if (reason === "jwks_unavailable" || reason === "internal_error") return "failure";
  return denied.has(reason) ? "deny" : "unauthorized";
}

/**
 * The policy answering a REST REQUEST event: `Effect` on exactly the event's method ARN, never wider.
 *
 * @example
 * methodPolicy("user-1", "Allow", event.methodArn, { tenantId: "acme", ... });
 */
export function methodPolicy<Context>(
  principalId: string,
  effect: "Allow" | "Deny",
  methodArn: string,
  context?: Context,
): RestAuthorizerPolicy<Context> {
  return {
    principalId,
    policyDocument: {
      Version: "2012-10-17",
      Statement: [{ Action: "execute-api:Invoke", Effect: effect, Resource: methodArn }],
    },
    ...(context === undefined ? {} : { context }),
  };
}
