import { hash } from "node:crypto";

/** The stage name of every local tenant API (in the method ARNs the local authorizer events carry). */
export const localStageName = "local";

/**
 * The local stand-in for a tenant REST API's id: ten lower-case hex characters derived from the tenant id,
 * shaped like API Gateway's (alphanumeric, so a tenant id's hyphens never reach the ARN) and stable across
 * restarts.
 */
export function localApiId(tenantId: string): string {
  return hash("sha256", tenantId, "hex").slice(0, 10);
}

/**
 * The method ARN API Gateway would send the authorizer for a call to a local tenant API: region `local`,
 * account `000000000000`, the tenant's {@link localApiId}, stage `local`, the method and the path as called.
 *
 * @example
 * localMethodArn("acme", "GET", "/v1/models");
 * // "arn:aws:execute-api:local:000000000000:<apiId>/local/GET/v1/models"
 */
export function localMethodArn(tenantId: string, httpMethod: string, path: string): string {
  return `arn:aws:execute-api:local:000000000000:${localApiId(tenantId)}/${localStageName}/${httpMethod}${path}`;
}
