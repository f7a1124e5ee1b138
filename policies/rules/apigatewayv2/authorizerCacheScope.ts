import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type { SiloResourcePolicy } from "../siloPolicy.ts";

/** The identity source that keys a cached decision to one route. */
export const routeKeyIdentitySource = "$context.routeKey";

/**
 * API Gateway caches an authorizer's decision by its identity sources: without the route key, a token
 * allowed on one route would be allowed on every route for the cache's lifetime, whatever its scopes. How
 * long a decision may be cached is `silo-apigateway-authorizer-cache-ttl`'s concern.
 *
 * Severity: high. Controls: NIST 800-53 AC-3, AC-4 (no FSBP control).
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
 */
export const authorizerCacheScope: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-apigatewayv2-authorizer-cache-scope",
  description: `HTTP API authorizers must include \`${routeKeyIdentitySource}\` in their identity sources, or not cache.`,
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["nist:AC-3", "nist:AC-4"],
  url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html",
  mutations: [
    {
      type: "aws:apigatewayv2/authorizer:Authorizer",
      change: "the route key dropped from identitySources while caching",
      mutate: (inputs) =>
        inputs.authorizerType === "JWT"
          ? undefined
          : {
              ...inputs,
              authorizerResultTtlInSeconds: 60,
              identitySources: ["$request.header.Authorization"],
            },
    },
  ],
  validateResource: validateResourceOfType(
    aws.apigatewayv2.Authorizer,
    (authorizer, _args, reportViolation) => {
      const sources = authorizer.identitySources ?? [];
      // An unset TTL defaults to 300 seconds.
      const cacheSeconds = authorizer.authorizerResultTtlInSeconds ?? 300;
      if (cacheSeconds > 0 && !sources.includes(routeKeyIdentitySource)) {
        reportViolation(
          `identitySources ${JSON.stringify(sources)} omit ${routeKeyIdentitySource} while decisions are cached for ${cacheSeconds} s; add ${routeKeyIdentitySource} or set authorizerResultTtlInSeconds: 0.`,
        );
      }
    },
  ),
};
