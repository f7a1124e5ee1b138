import type { HandlerGroup, HttpMethod } from "../../api/routes.ts";
import { everyScope, type SmokeContext, type TenantState } from "../smokeContext.ts";
import { fail, pass, skip } from "../smokeReport.ts";
import { expectEdgeDenial } from "./expectEdgeDenial.ts";

/** A route the cross-tenant checks call with another tenant's token. */
export interface IsolationProbe {
  readonly method: HttpMethod;
  /** The route's path as in the route table; `{...}` parameters are filled with a random UUID. */
  readonly path: string;
  readonly group: HandlerGroup;
  /**
   * Sent with writes. Each is invalid for its route, so even if both isolation layers failed the request
   * would change nothing in the other tenant's silo and spend nothing.
   */
  readonly body?: unknown;
}

/** Reads and writes of each handler group, so each group's Lambda and authorizer route is exercised. */
export const isolationProbes: readonly IsolationProbe[] = [
  { method: "GET", path: "/v1/conversations", group: "data" },
  { method: "GET", path: "/v1/conversations/{conversationId}", group: "data" },
  { method: "POST", path: "/v1/conversations", group: "data", body: { title: "" } },
  { method: "GET", path: "/v1/models", group: "chat" },
  { method: "POST", path: "/v1/chat/completions", group: "chat", body: {} },
  { method: "GET", path: "/v1/budget", group: "admin" },
  { method: "GET", path: "/v1/audit/events", group: "admin" },
];

/**
 * For every ordered pair of tenants, tenant A's token (every scope) on tenant B's API must be refused with
 * 403 by the edge on each {@link isolationProbes} route. A pair whose A token is refused on A's own API is
 * skipped: its 403s would prove nothing.
 */
export async function runCrossTenantChecks(
  smoke: SmokeContext,
  tenants: readonly TenantState[],
): Promise<void> {
  if (tenants.length < 2) {
    await smoke.check("isolation: cross-tenant denials", undefined, async () =>
      skip(
        `needs two tenants, got ${tenants.length} (${tenants.map((tenant) => tenant.tenantId).join(", ") || "none"})`,
      ),
    );
    return;
  }
  for (const from of tenants) {
    for (const to of tenants) {
      if (from.tenantId === to.tenantId) continue;
      await smoke.check(`isolation: token of ${from.tenantId}`, to.tenantId, async () => {
        if (!from.tokenAccepted) {
          return skip(`${from.tenantId}'s token was refused on its own API too, so a 403 proves nothing`);
        }
        const token = await smoke.tokens.token(from.tenantId, everyScope);
        const leaks: string[] = [];
        for (const probe of isolationProbes) {
          const response = await smoke.client.send({
            tenantId: to.tenantId,
            method: probe.method,
            path: probe.path.replace(/\{\w+\}/g, () => crypto.randomUUID()),
            token,
            ...(probe.body !== undefined ? { body: probe.body } : {}),
          });
          const outcome = expectEdgeDenial(response, 403);
          if (outcome.status !== "pass") leaks.push(`${probe.method} ${probe.path}: ${outcome.detail}`);
        }
        if (leaks.length > 0) return fail(leaks.join("; "));
        const groups = [...new Set(isolationProbes.map((probe) => probe.group))].join(", ");
        return pass(`${isolationProbes.length} routes (${groups}) denied 403 at the edge`);
      });
    }
  }
}
