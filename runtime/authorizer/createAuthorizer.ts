import { hash } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { APIGatewayRequestAuthorizerEvent, APIGatewayRequestAuthorizerEventV2 } from "aws-lambda";
import type { JWTVerifyGetKey } from "jose";
import { isTenantId } from "../../tenants/tenantId.ts";
import { findRoute } from "../api/routes.ts";
import { jsonLineLog, type Log, type LogEntry } from "../core/logging/jsonLogger.ts";
import { roundMs } from "../core/time/roundMs.ts";
import type { AuthorizerConfig } from "./authorizerConfig.ts";
import { AuthorizationDenied, type DenyReason } from "./denyReason.ts";
import { hasScope } from "./hasScope.ts";
import { discoverIssuer } from "./identity/discoverIssuer.ts";
import { createResilientJwks, type JwksEvent } from "./resilientJwks.ts";
import { methodPolicy, type RestAuthorizerPolicy, restRefusalFor } from "./restAnswer.ts";
import { createRestRouteReader } from "./restRouteReader.ts";
import { TokenMemo } from "./tokenMemo.ts";
import { createTokenVerifier, type TokenVerifier, type VerifiedToken } from "./verifyToken.ts";

/** Context handed to the tenant's Lambda as `requestContext.authorizer.lambda`: primitives only. */
export interface AuthorizerContext {
  readonly tenantId: string;
  readonly sub: string;
  /** Space-separated. */
  readonly scopes: string;
  readonly tokenId: string;
}

/** API Gateway HTTP API simple response (payload format 2.0). */
export type AuthorizerResult =
  | { readonly isAuthorized: true; readonly context: AuthorizerContext }
  | { readonly isAuthorized: false };

/** API Gateway REST API REQUEST authorizer answer: a policy on exactly the invoked method ARN. */
export type RestAuthorizerResult = RestAuthorizerPolicy<AuthorizerContext>;

/**
 * The shared edge authorizer's handler: a REST API event gets a policy (or throws `Unauthorized`), an HTTP
 * API payload 2.0 event a simple response.
 */
export interface EdgeAuthorizer {
  (event: APIGatewayRequestAuthorizerEvent): Promise<RestAuthorizerResult>;
  (event: APIGatewayRequestAuthorizerEventV2): Promise<AuthorizerResult>;
}

/** The one JSON line logged per decision. Never contains the token. */
export interface DecisionLog extends LogEntry {
  readonly level: "info" | "warn" | "error";
  readonly msg: "authorizer decision";
  readonly decision: "allow" | "deny";
  readonly reason: DenyReason | "ok";
  /** The token's tenant (once verified), when it names one. */
  readonly tenantId?: string;
  /** The token's organisation (once verified), when the tenant comes from its organisation. */
  readonly organizationId?: string;
  /** The tenant of the API the request was sent to (its `tenantId` stage variable, when well formed). */
  readonly apiTenantId?: string;
  readonly routeKey?: string;
  readonly sub?: string;
  readonly tokenId?: string;
  /** The `kid` of the key that signed the token (once verified). */
  readonly kid?: string;
  readonly memo: boolean;
  readonly latencyMs: number;
  readonly detail?: string;
}

/** Swappable parts of the authorizer; production uses the defaults. */
export interface AuthorizerDeps {
  /** @default a resilient remote JWKS for `config.jwksUrl` */
  readonly keys?: JWTVerifyGetKey;
  /** @default Date.now */
  readonly now?: () => number;
  /** For OIDC discovery. @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** Receives each decision line. @default a JSON line on stdout */
  readonly log?: (entry: DecisionLog) => void;
  /**
   * Receives the JWKS fetch events (`msg: "jwks"`): `info` when keys were fetched, `warn` when a fetch
   * failed. Kept apart from `log` so a decision log holds decisions only.
   * @default a JSON line on stdout
   */
  readonly jwksLog?: Log;
}

/** An upper bound on the Authorization header, checked before any parsing (RS256 tokens are ~1 KB). */
export const maxAuthorizationHeaderBytes = 8192;
const bearerScheme = /^bearer /i;
// jose decodes base64url leniently (atob skips whitespace), so the token's shape is checked first. The
// signature segment may be empty here so that `alg: none` tokens are denied for their algorithm.
const compactJws = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Builds the shared edge authorizer: an API Gateway REST API REQUEST authorizer (an IAM policy on exactly
 * the invoked route, see runtime/authorizer/methodArn.ts; `Unauthorized` thrown for a missing or invalid token, see restAnswer.ts), which
 * also answers HTTP API payload 2.0 events (simple responses), telling them apart by the event's shape.
 * Deny by default. It allows a request only when the route key (`METHOD resource`) is in the route table,
 * the method ARN names that route on the event's own API and stage, the bearer token verifies (see
 * {@link verifyToken}), the token's tenant equals the API's stage variable `tenantId`, and the token
 * carries the route's scope. A verified token is memoized by hash until the
 * earlier of its expiry and `memoTtlSeconds`, so a repeated token costs microseconds; tenant, route and
 * scope are still checked on every request.
 *
 * @example
 * export const handler = createAuthorizer(loadAuthorizerConfig(process.env));
 */
export function createAuthorizer(config: AuthorizerConfig, deps: AuthorizerDeps = {}): EdgeAuthorizer {
  const now = deps.now ?? Date.now;
  const log: (entry: DecisionLog) => void = deps.log ?? jsonLineLog();
  const jwksLog = deps.jwksLog ?? jsonLineLog();
  const jwksOptions = (url: string) => ({
    url,
    cacheMs: config.jwksCacheSeconds * 1000,
    cooldownMs: config.jwksCooldownSeconds * 1000,
    timeoutMs: config.jwksTimeoutMs,
    now,
    onEvent: (event: JwksEvent) =>
      // A refresh is routine; only a failed fetch (the old keys stay in use) is worth a warning.
      jwksLog({
        level: event.event === "jwks_fetch_failed" ? "warn" : "info",
        msg: "jwks",
        ...event,
      }),
  });
  const verifierFor = (issuer: string, jwksUrl: string) =>
    createTokenVerifier({ ...config, issuer }, deps.keys ?? createResilientJwks(jwksOptions(jwksUrl)));
  const needsDiscovery = config.oidcIssuer !== "" && (config.issuer === "" || config.jwksUrl === "");
  let verifier: TokenVerifier | undefined = needsDiscovery
    ? undefined
    : verifierFor(config.issuer, config.jwksUrl);
  let discovery: Promise<TokenVerifier> | undefined;
  let discoveryRetryAt = 0;
  /**
   * With `SILO_OIDC_ISSUER`, the verifier is built on the first request, once the discovery document is
   * read (a Lambda's module scope cannot wait for it). A failure denies (`jwks_unavailable`) and is retried
   * at most once per JWKS cooldown, so an IdP outage at cold start is not a fetch per request.
   */
  const verifierNow = async (): Promise<TokenVerifier> => {
    if (verifier !== undefined) return verifier;
    if (discovery === undefined) {
      if (now() < discoveryRetryAt) {
        throw new AuthorizationDenied("jwks_unavailable", "OIDC discovery failed recently; retrying later");
      }
      discovery = discoverIssuer(config.oidcIssuer, { timeoutMs: config.jwksTimeoutMs, fetch: deps.fetch })
        .then(({ issuer, jwksUri }) => {
          verifier = verifierFor(config.issuer || issuer, config.jwksUrl || jwksUri);
          jwksLog({ level: "info", msg: "oidc discovery", issuer, jwksUri });
          return verifier;
        })
        .catch((error: unknown) => {
          discovery = undefined;
          discoveryRetryAt = now() + Math.max(1000, config.jwksCooldownSeconds * 1000);
          jwksLog({ level: "warn", msg: "oidc discovery", error: (error as Error).message });
          throw new AuthorizationDenied("jwks_unavailable", (error as Error).message, { cause: error });
        });
    }
    return discovery;
  };
  const memo = new TokenMemo<VerifiedToken>(config.memoSize);
  const readRestRoute = createRestRouteReader();

  /** Decides one request, whatever its format: the context to hand on, or why not. */
  async function decide(request: AuthorizerRequest, started: number): Promise<Decision> {
    const { routeKey, stageVariables } = request;
    let memoHit = false;
    let verified: VerifiedToken | undefined;
    const stageTenantId = stageVariables?.tenantId;
    const apiTenantId = isTenantId(stageTenantId) ? stageTenantId : undefined;
    try {
      if (apiTenantId === undefined) {
        throw new AuthorizationDenied(
          "stage_tenant_missing",
          "the API stage has no valid tenantId stage variable",
        );
      }
      const route = routeKey === undefined ? undefined : findRoute(routeKey);
      if (route === undefined)
        throw new AuthorizationDenied("unknown_route", "route key is not in the route table");
      if (request.methodArnMismatch) {
        throw new AuthorizationDenied(
          "method_arn_mismatch",
          "the methodArn is not the invoked method of this API, stage and route",
        );
      }
      if (request.severalAuthorizations)
        throw new AuthorizationDenied(
          "malformed_authorization",
          "the request carries several Authorization headers",
        );
      const token = bearerTokenOf(request.authorization);
      // A latin1 ("binary") digest (32 one-byte characters) costs half a base64 one; it is a key, never printed.
      const tokenHash = hash("sha256", token, "binary");
      const nowMs = now();
      verified = memo.get(tokenHash, nowMs);
      memoHit = verified !== undefined;
      if (verified === undefined) {
        // A memo hit means these exact bytes verified before, so the shape check runs only on a miss.
        if (!compactJws.test(token)) throw new AuthorizationDenied("malformed_token", "not a compact JWS");
        verified = await (verifier ?? (await verifierNow()))(token, tokenHash, nowMs);
        memo.set(tokenHash, verified);
      }
      if (verified.organizationId !== undefined) {
        // The tenant file maps the IdP's organisation to this API's tenant; the stage carries it.
        const apiOrganizationId = stageVariables?.organizationId;
        if (apiOrganizationId === undefined || apiOrganizationId === "") {
          throw new AuthorizationDenied(
            "stage_organization_missing",
            "the token names an organisation but this API's tenant file maps none (identity.organizationId)",
          );
        }
        if (verified.organizationId !== apiOrganizationId) {
          throw new AuthorizationDenied(
            "tenant_mismatch",
            "the token's organisation is not this API's tenant",
          );
        }
      } else if (verified.tenantId !== stageTenantId) {
        throw new AuthorizationDenied("tenant_mismatch", "the token's tenant is not this API's tenant");
      }
      if (route.scope !== null && !hasScope(verified.scopes, route.scope)) {
        throw new AuthorizationDenied("missing_scope", `the token lacks scope ${route.scope}`);
      }
      log(decisionLine("allow", "ok", started, memoHit, routeKey, apiTenantId, verified));
      return {
        context: {
          // Checked above: the token's tenant, or the tenant its organisation maps to.
          tenantId: apiTenantId,
          sub: verified.sub,
          scopes: verified.scopes,
          tokenId: verified.tokenId,
        },
      };
    } catch (error) {
      const denial =
        error instanceof AuthorizationDenied
          ? error
          : new AuthorizationDenied("internal_error", (error as Error)?.message, { cause: error });
      log(
        decisionLine(
          "deny",
          denial.reason,
          started,
          memoHit,
          routeKey,
          apiTenantId,
          verified,
          denial.message,
        ),
      );
      return { denial: denial.reason, sub: verified?.sub };
    }
  }

  async function handler(
    event: APIGatewayRequestAuthorizerEventV2 | APIGatewayRequestAuthorizerEvent,
  ): Promise<AuthorizerResult | RestAuthorizerResult> {
    const started = performance.now();
    if (!isRestEvent(event)) {
      const decision = await decide(httpApiRequest(event), started);
      return decision.context === undefined
        ? { isAuthorized: false }
        : { isAuthorized: true, context: decision.context };
    }
    const route = readRestRoute(event);
    const request: AuthorizerRequest = {
      routeKey: route.routeKey,
      authorization: authorizationHeaderOf(event.headers),
      severalAuthorizations: authorizationCountOf(event) > 1,
      stageVariables: event.stageVariables,
      methodArnMismatch: route.methodArnMismatch,
    };
    const resource = route.policyResource;
    const decision = await decide(request, started);
    if (decision.context !== undefined)
      return methodPolicy(decision.context.sub, "Allow", resource, decision.context);
    const refusal = restRefusalFor(decision.denial);
    // API Gateway answers 401 to exactly this message, and 500 to any other error.
    if (refusal === "unauthorized") throw new Error("Unauthorized");
    if (refusal === "failure") throw new Error(`authorizer failure: ${decision.denial}`);
    return methodPolicy(decision.sub ?? "anonymous", "Deny", resource);
  }
  return handler as EdgeAuthorizer;
}

/** The outcome of {@link decide}: the context of an allowed request, or the reason of a denied one. */
type Decision =
  | { readonly context: AuthorizerContext; readonly denial?: undefined }
  | { readonly context?: undefined; readonly denial: DenyReason; readonly sub: string | undefined };

/** What the authorizer reads of an event, in either format. */
interface AuthorizerRequest {
  readonly routeKey: string | undefined;
  readonly authorization: string | undefined;
  /**
   * REST only: the request carried more than one Authorization header. `headers` keeps one of them, and the
   * gateway's decision cache may be keyed on another, so an allow could be cached under a value nobody
   * verified: such a request is refused, whichever of its values is valid.
   */
  readonly severalAuthorizations: boolean;
  readonly stageVariables: { readonly [name: string]: string | undefined } | null | undefined;
  /** REST only: the method ARN does not name the invoked method (runtime/authorizer/restRouteReader.ts). */
  readonly methodArnMismatch: boolean;
}

/** A REST API REQUEST event carries the invoked method's ARN; an HTTP API (payload 2.0) event does not. */
function isRestEvent(
  event: APIGatewayRequestAuthorizerEventV2 | APIGatewayRequestAuthorizerEvent,
): event is APIGatewayRequestAuthorizerEvent {
  return typeof (event as { methodArn?: unknown } | undefined)?.methodArn === "string";
}

function httpApiRequest(event: APIGatewayRequestAuthorizerEventV2): AuthorizerRequest {
  return {
    routeKey: typeof event?.routeKey === "string" ? event.routeKey.slice(0, 256) : undefined,
    // HTTP APIs lower-case header names.
    authorization: event?.headers?.authorization,
    // HTTP APIs join repeated headers with commas, which no bearer token contains.
    severalAuthorizations: false,
    stageVariables: event?.stageVariables,
    methodArnMismatch: false,
  };
}

/** The Authorization header of a REST event, whose header names keep the client's case. */
function authorizationHeaderOf(
  headers: { readonly [name: string]: string | undefined } | null | undefined,
): string | undefined {
  if (headers == null) return undefined;
  const usual = headers.Authorization ?? headers.authorization;
  if (usual !== undefined) return usual;
  for (const name of Object.keys(headers)) if (name.toLowerCase() === "authorization") return headers[name];
  return undefined;
}

/**
 * How many Authorization headers a REST event carries, whatever their case: the values in
 * `multiValueHeaders`, or, without them, the differently cased names in `headers`.
 */
function authorizationCountOf(event: APIGatewayRequestAuthorizerEvent): number {
  const isAuthorization = ([name]: [string, unknown]) => name.toLowerCase() === "authorization";
  const values = Object.entries(event.multiValueHeaders ?? {})
    .filter(isAuthorization)
    .reduce((sum, [, list]) => sum + (list?.length ?? 0), 0);
  const names = Object.entries(event.headers ?? {}).filter(isAuthorization).length;
  return Math.max(values, names);
}

function bearerTokenOf(header: string | undefined): string {
  if (header === undefined || header.length === 0) throw new AuthorizationDenied("missing_token");
  if (header.length > maxAuthorizationHeaderBytes) {
    throw new AuthorizationDenied(
      "token_too_large",
      `the Authorization header exceeds ${maxAuthorizationHeaderBytes} bytes`,
    );
  }
  if (!bearerScheme.test(header)) {
    throw new AuthorizationDenied("malformed_authorization", "only the Bearer scheme is accepted");
  }
  return header.slice(7);
}

function decisionLine(
  decision: "allow" | "deny",
  reason: DenyReason | "ok",
  started: number,
  memo: boolean,
  routeKey: string | undefined,
  apiTenantId: string | undefined,
  verified: VerifiedToken | undefined,
  detail?: string,
): DecisionLog {
  return {
    level: reason === "internal_error" ? "error" : decision === "allow" ? "info" : "warn",
    msg: "authorizer decision",
    decision,
    reason,
    tenantId: verified?.tenantId,
    organizationId: verified?.organizationId,
    apiTenantId,
    routeKey,
    sub: verified?.sub,
    tokenId: verified?.tokenId,
    kid: verified?.kid,
    memo,
    latencyMs: roundMs(performance.now() - started),
    // Present but undefined on an allow, so every line has one shape; JSON.stringify leaves it out.
    detail: detail?.slice(0, 200),
  };
}
