import { everyScope, type SmokeContext, type TenantState } from "../smokeContext.ts";
import { type CheckOutcome, skip } from "../smokeReport.ts";
import { expectEdgeDenial } from "./expectEdgeDenial.ts";

/** The route the denial checks call: cheap, read-only, and it needs a scope (`models:read`). */
const probePath = "/v1/models";

/**
 * Requests the edge must refuse on the tenant's API, as a REST API with the shared authorizer answers them
 * (docs/authorizer.md): 401 without a token and for a token that is not valid (malformed, expired, its
 * signature tampered with), 403 for a valid token without the route's scope. The expired, scope and
 * signature checks first need the positive control (the tenant's valid token accepted), or a refusal would
 * prove nothing.
 */
export async function runAuthChecks(smoke: SmokeContext, tenant: TenantState): Promise<void> {
  const { tenantId } = tenant;
  const probe = async (token: string | undefined, status: 401 | 403): Promise<CheckOutcome> =>
    expectEdgeDenial(
      await smoke.client.send({
        tenantId,
        method: "GET",
        path: probePath,
        ...(token !== undefined ? { token } : {}),
      }),
      status,
    );
  const uncontrolled = skip(
    "the tenant's valid token was refused too (chat: list models), so a refusal proves nothing",
  );

  await smoke.check("auth: missing token -> 401", tenantId, () => probe(undefined, 401));

  await smoke.check("auth: malformed token -> 401", tenantId, () => probe("not-a-jwt", 401));

  await smoke.check("auth: expired token -> 401", tenantId, async () => {
    if (!tenant.tokenAccepted) return uncontrolled;
    const expired = await smoke.tokens.expiredToken(tenantId);
    if ("unavailable" in expired) return skip(expired.unavailable);
    return probe(expired.token, 401);
  });

  await smoke.check("auth: missing scope -> 403", tenantId, async () => {
    if (!tenant.tokenAccepted) return uncontrolled;
    const token = await smoke.tokens.token(
      tenantId,
      everyScope.filter((scope) => scope !== "models:read"),
    );
    return probe(token, 403);
  });

  await smoke.check("auth: tampered signature -> 401", tenantId, async () => {
    if (!tenant.tokenAccepted) return uncontrolled;
    return probe(tamperSignature(await smoke.tokens.token(tenantId, everyScope)), 401);
  });
}

/**
 * The token with one character of its signature changed. A middle character is changed, since the last
 * one of a base64url signature may carry only padding bits and decode to the same bytes.
 */
export function tamperSignature(token: string): string {
  const [header, payload, signature = ""] = token.split(".");
  const at = Math.floor(signature.length / 2);
  const changed = signature[at] === "A" ? "B" : "A";
  return `${header}.${payload}.${signature.slice(0, at)}${changed}${signature.slice(at + 1)}`;
}
