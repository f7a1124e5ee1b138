import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type { SiloResourcePolicy } from "../siloPolicy.ts";

/** The identity sources that key a cached REST decision to the token and to one method of one resource. */
export const routeScopedIdentitySources = [
  "method.request.header.Authorization",
  "context.httpMethod",
  "context.resourcePath",
] as const;

/** What API Gateway caches for when `authorizerResultTtlInSeconds` is not set. */
const unsetTtlSeconds = 300;

/**
 * API Gateway caches a REST authorizer's decision by its identity sources: without the method and resource
 * path, a token allowed on one route is allowed on every route for the cache's lifetime, whatever its
 * scopes. A TOKEN authorizer is keyed by the token alone, so it may only not cache. How long a decision may
 * be cached is `silo-apigateway-authorizer-cache-ttl`'s concern.
 *
 * Severity: high. Controls: NIST 800-53 AC-3, AC-4 (no FSBP control).
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization.html
 */
export const authorizerCacheScope: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-apigateway-authorizer-cache-scope",
  description: `REST API Lambda authorizers must include ${routeScopedIdentitySources.map((source) => `\`${source}\``).join(", ")} in their identity source, or not cache.`,
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["nist:AC-3", "nist:AC-4"],
  url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization.html",
  mutations: [
    {
      type: "aws:apigateway/authorizer:Authorizer",
      change: "identitySource reduced to the Authorization header, decisions cached",
      mutate: (inputs) => ({
        ...inputs,
        identitySource: "method.request.header.Authorization",
        authorizerResultTtlInSeconds: 60,
      }),
    },
  ],
  validateResource: validateResourceOfType(aws.apigateway.Authorizer, (authorizer, args, reportViolation) => {
    if (authorizer.type === "COGNITO_USER_POOLS") {
      args.notApplicable("Cognito authorizers are not Lambda authorizers");
    }
    const cacheSeconds = authorizer.authorizerResultTtlInSeconds ?? unsetTtlSeconds;
    if (cacheSeconds === 0) return;
    const sources = (authorizer.identitySource ?? "")
      .split(",")
      .map((source) => source.trim())
      .filter((source) => source !== "");
    const missing = routeScopedIdentitySources.filter((source) => !sources.includes(source));
    if (authorizer.type === "TOKEN" || authorizer.type === undefined) {
      reportViolation(
        `a TOKEN authorizer caches decisions for ${cacheSeconds} s by the token alone; use type "REQUEST" with identitySource "${routeScopedIdentitySources.join(",")}", or set authorizerResultTtlInSeconds: 0.`,
      );
    } else if (missing.length > 0) {
      reportViolation(
        `identitySource ${JSON.stringify(authorizer.identitySource ?? "")} omits ${missing.join(", ")} while decisions are cached for ${cacheSeconds} s; set identitySource "${routeScopedIdentitySources.join(",")}" or authorizerResultTtlInSeconds: 0.`,
      );
    }
  }),
};
