/**
 * Lambda entry of the shared edge authorizer. Configuration is read and validated once at cold start, and
 * the JWKS cache and token memo live at module scope, so warm invocations reuse them.
 */
import { loadAuthorizerConfig } from "./authorizerConfig.ts";
import { createAuthorizer } from "./createAuthorizer.ts";

export const handler = createAuthorizer(loadAuthorizerConfig(process.env));
