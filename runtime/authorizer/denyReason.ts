/**
 * Stable reason codes for authorizer decisions. They appear in the decision log line and in tests; they
 * never reach the caller (API Gateway answers its own 401, 403 or 500: see restAnswer.ts), so they can be
 * precise without helping an attacker.
 */
export const denyReasons = [
  "missing_token",
  "malformed_authorization",
  "token_too_large",
  "malformed_token",
  "header_not_allowed",
  "alg_not_allowed",
  "unsupported_crit",
  "unknown_kid",
  "jwks_unavailable",
  "weak_key",
  "bad_signature",
  "expired",
  "not_yet_valid",
  "iat_in_future",
  "token_too_old",
  "missing_claim",
  "wrong_issuer",
  "wrong_audience",
  "wrong_typ",
  "wrong_token_use",
  "authorized_party_missing",
  "wrong_authorized_party",
  "directory_not_allowed",
  "invalid_claim",
  "duplicate_claims",
  "tenant_claim_missing",
  "tenant_claim_invalid",
  "tenant_mismatch",
  "stage_tenant_missing",
  "stage_organization_missing",
  "unknown_route",
  "method_arn_mismatch",
  "missing_scope",
  "internal_error",
] as const;

export type DenyReason = (typeof denyReasons)[number];

/** Thrown inside the authorizer to deny with a reason; never escapes the handler. */
export class AuthorizationDenied extends Error {
  readonly reason: DenyReason;

  constructor(reason: DenyReason, detail?: string, options?: { cause?: unknown }) {
    super(detail ? `${reason}: ${detail}` : reason, options);
    this.name = "AuthorizationDenied";
    this.reason = reason;
  }
}
