/**
 * How long API Gateway caches the edge authorizer's decision when the shared stack does not say
 * (`silo:authorizerCacheTtlSeconds`). API Gateway's cache cannot read a token's `exp`: a decision cached
 * just before the token expires is served for the whole TTL, so a token keeps working until `exp` + the
 * authorizer's clock tolerance + this TTL (docs/threat-model.md). Short, so that bound is short.
 */
export const defaultAuthorizerCacheTtlSeconds = 60;

/**
 * The longest decision cache the kit allows: the stack config refuses more, and the policy rule
 * `silo-apigateway-authorizer-cache-ttl` fails any authorizer that caches longer.
 */
export const maxAuthorizerCacheTtlSeconds = 300;
