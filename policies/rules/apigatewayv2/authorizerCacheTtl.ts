import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { maxAuthorizerCacheTtlSeconds } from "../../../components/edge/authorizerCacheTtl.ts";
import type { SiloResourcePolicy } from "../siloPolicy.ts";

/** What API Gateway caches for when `authorizerResultTtlInSeconds` is not set (REST and HTTP APIs alike). */
const unsetTtlSeconds = 300;

/** Settings of {@link authorizerCacheTtl}. */
export interface AuthorizerCacheTtlConfig {
  readonly maximumCacheSeconds: number;
}

/**
 * API Gateway serves a cached Allow for the authorizer's whole result TTL without reading the token again,
 * so an expired or revoked token keeps working until `exp` + the authorizer's clock tolerance + the TTL.
 * The authorizer bounds everything else by the token's own expiry; this cache it cannot, so the TTL is
 * capped. REST APIs (`aws.apigateway.Authorizer`) and HTTP APIs (`aws.apigatewayv2.Authorizer`, Lambda
 * authorizers; JWT authorizers do not cache) are checked alike; an unset TTL is API Gateway's 300 s.
 *
 * Severity: high. Controls: NIST 800-53 AC-3, AC-12, IA-11 (no FSBP control).
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization.html
 */
export const authorizerCacheTtl: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-apigateway-authorizer-cache-ttl",
  description:
    "API Gateway authorizers (REST and HTTP APIs) must cache a decision for at most `maximumCacheSeconds`, unset meaning API Gateway's 300 s.",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["nist:AC-3", "nist:AC-12", "nist:IA-11"],
  url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization.html",
  configSchema: {
    properties: {
      maximumCacheSeconds: {
        type: "integer",
        minimum: 0,
        maximum: maxAuthorizerCacheTtlSeconds,
        default: maxAuthorizerCacheTtlSeconds,
        description: "Longest time an authorizer decision may be cached.",
      },
    },
  },
  mutations: [
    {
      type: "aws:apigatewayv2/authorizer:Authorizer",
      change: "authorizerResultTtlInSeconds 3600",
      mutate: (inputs) =>
        inputs.authorizerType === "JWT" ? undefined : { ...inputs, authorizerResultTtlInSeconds: 3600 },
    },
  ],
  validateResource: [
    validateResourceOfType(aws.apigateway.Authorizer, (authorizer, args, reportViolation) => {
      const maximumSeconds = args.getConfig<Partial<AuthorizerCacheTtlConfig>>().maximumCacheSeconds;
      checkTtl(authorizer.authorizerResultTtlInSeconds, maximumSeconds, reportViolation);
    }),
    validateResourceOfType(aws.apigatewayv2.Authorizer, (authorizer, args, reportViolation) => {
      if (authorizer.authorizerType === "JWT") return;
      const maximumSeconds = args.getConfig<Partial<AuthorizerCacheTtlConfig>>().maximumCacheSeconds;
      checkTtl(authorizer.authorizerResultTtlInSeconds, maximumSeconds, reportViolation);
    }),
  ],
};

function checkTtl(
  ttlSeconds: number | undefined,
  maximumSeconds: number | undefined,
  reportViolation: (message: string) => void,
): void {
  const maximum = maximumSeconds ?? maxAuthorizerCacheTtlSeconds;
  const seconds = ttlSeconds ?? unsetTtlSeconds;
  if (seconds <= maximum) return;
  const what = ttlSeconds === undefined ? `unset (API Gateway caches for ${seconds} s)` : `${seconds}`;
  reportViolation(
    `authorizerResultTtlInSeconds is ${what}, so a token works up to ${seconds} s past its exp; set it, through silo:authorizerCacheTtlSeconds on the shared stack, to at most ${maximum}.`,
  );
}
