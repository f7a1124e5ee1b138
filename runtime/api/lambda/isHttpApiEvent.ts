import type { APIGatewayProxyEvent } from "aws-lambda";
import type { TenantApiEvent } from "../createGroupHandler.ts";

/**
 * Whether a tenant Lambda's event comes from an HTTP API (payload 2.0, `version: "2.0"`) rather than a
 * REST API's Lambda proxy integration (payload 1.0, which has no `version`). Both edges are supported: the
 * kit deploys REST APIs, programs built on HTTP APIs keep working.
 */
export function isHttpApiEvent(event: TenantApiEvent | APIGatewayProxyEvent): event is TenantApiEvent {
  return (event as { version?: unknown }).version === "2.0";
}
