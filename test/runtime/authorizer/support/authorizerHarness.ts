import type { APIGatewayRequestAuthorizerEvent, APIGatewayRequestAuthorizerEventV2 } from "aws-lambda";
import {
  type AuthorizerConfig,
  loadAuthorizerConfig,
} from "../../../../runtime/authorizer/authorizerConfig.ts";
import { createAuthorizer, type DecisionLog } from "../../../../runtime/authorizer/createAuthorizer.ts";
import restEventFixture from "../../../fixtures/authorizer/request-event-rest.json" with { type: "json" };
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

/** The route key's path with each `{name}` filled in, as a caller sends it. */
function invokedPath(resource: string): string {
  return resource.replace(/\{(\w+)\}/g, (_, name: string) => `${name}-0001`);
}

/**
 * A real-shaped REST API REQUEST event (API Gateway's documented input, case-preserving headers) for
 * `routeKey` on tenant `stageTenantId`'s API `a1b2c3d4e5`, stage `prod`; `methodArn` overrides the ARN API
 * Gateway would send.
 */
export function restAuthorizerEvent(
  authorization: string | undefined,
  options: { routeKey?: string; stageTenantId?: string; organizationId?: string; methodArn?: string } = {},
): APIGatewayRequestAuthorizerEvent {
  const routeKey = options.routeKey ?? "POST /v1/chat/completions";
  const [httpMethod = "", resource = ""] = routeKey.split(" ");
  const path = invokedPath(resource);
  const event = restEventFixture as unknown as APIGatewayRequestAuthorizerEvent;
  const headers: Record<string, string | undefined> = { ...event.headers };
  const multiValueHeaders: Record<string, string[] | undefined> = { ...event.multiValueHeaders };
  if (authorization === undefined) {
    delete headers.Authorization;
    delete multiValueHeaders.Authorization;
  } else {
    headers.Authorization = authorization;
    multiValueHeaders.Authorization = [authorization];
  }
  return {
    ...event,
    methodArn:
      options.methodArn ?? `arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/${httpMethod}${path}`,
    resource,
    path: `/${options.stageTenantId ?? "acme-health"}${path}`,
    httpMethod,
    headers,
    multiValueHeaders,
    requestContext: { ...event.requestContext, resourcePath: resource, httpMethod, path },
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
