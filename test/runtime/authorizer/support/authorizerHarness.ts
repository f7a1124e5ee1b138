import type { APIGatewayRequestAuthorizerEventV2 } from "aws-lambda";
import {
  type AuthorizerConfig,
  loadAuthorizerConfig,
} from "../../../../runtime/authorizer/authorizerConfig.ts";
import { createAuthorizer, type DecisionLog } from "../../../../runtime/authorizer/createAuthorizer.ts";
import eventFixture from "../../../fixtures/authorizer/request-event-v2.json" with { type: "json" };
import { type TestIdentityProvider, testAudience, testIssuer, testNowMs } from "./testIdentityProvider.ts";

/** A real-shaped payload 2.0 REQUEST event for `routeKey` on tenant `stageTenantId`'s API. */
export function authorizerEvent(
  authorization: string | undefined,
  options: { routeKey?: string; stageTenantId?: string; organizationId?: string } = {},
): APIGatewayRequestAuthorizerEventV2 {
  const routeKey = options.routeKey ?? "POST /v1/chat/completions";
  // Shallow copies: the authorizer never mutates its event, and benchmarks build thousands of these.
  const event = eventFixture as unknown as APIGatewayRequestAuthorizerEventV2;
  const headers: Record<string, string | undefined> = { ...event.headers };
  if (authorization === undefined) delete headers.authorization;
  else headers.authorization = authorization;
  return {
    ...event,
    routeKey,
    identitySource: [authorization ?? "", routeKey],
    headers,
    requestContext: { ...event.requestContext, routeKey },
    stageVariables: {
      tenantId: options.stageTenantId ?? "acme-health",
      ...(options.organizationId === undefined ? {} : { organizationId: options.organizationId }),
    },
  };
}

/**
 * An authorizer wired to a test IdP, with a controllable clock and captured decision lines. `env` is laid
 * over the test IdP's issuer, audience and JWKS; a variable set to `undefined` there is left out.
 */
export function authorizerFor(idp: TestIdentityProvider, env: Record<string, string | undefined> = {}) {
  const clock = { nowMs: testNowMs };
  const decisions: DecisionLog[] = [];
  const config: AuthorizerConfig = loadAuthorizerConfig({
    SILO_JWT_ISSUER: testIssuer,
    SILO_JWT_AUDIENCE: testAudience,
    SILO_JWKS_URL: idp.jwksUrl,
    ...env,
  });
  const handler = createAuthorizer(config, { now: () => clock.nowMs, log: (entry) => decisions.push(entry) });
  /** Runs one request and returns the decision's reason code. */
  const reasonFor = async (event: APIGatewayRequestAuthorizerEventV2) => {
    const result = await handler(event);
    const last = decisions.at(-1);
    if (!last) throw new Error("the authorizer logged no decision");
    if (result.isAuthorized !== (last.decision === "allow")) throw new Error("result and log disagree");
    return last.reason;
  };
  return { handler, clock, decisions, reasonFor };
}
