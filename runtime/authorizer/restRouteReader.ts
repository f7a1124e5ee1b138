import type { APIGatewayRequestAuthorizerEvent } from "aws-lambda";
import { methodArnMatches, parseMethodArn, routeArn } from "./methodArn.ts";

/** What the authorizer reads of a REST event's method: its route and what its policy covers. */
export interface RestRoute {
  /** The route table's key: `<method> <resource>`; undefined when the event lacks either. */
  readonly routeKey: string | undefined;
  /** The method ARN is not the invoked method of the event's API, stage and route (see {@link methodArnMatches}). */
  readonly methodArnMismatch: boolean;
  /** What the policy covers: the route's ARN (see {@link routeArn}), or else the event's method ARN. */
  readonly policyResource: string;
}

interface Entry {
  readonly apiId: unknown;
  readonly stage: unknown;
  readonly httpMethod: string;
  readonly resource: string;
  readonly route: RestRoute;
}

/**
 * Reads a REST REQUEST event's route, remembering the answer per method ARN: a warm authorizer sees the
 * same few ARNs again and again, and parsing and matching one costs more than the memoised token check
 * itself. A remembered answer is used only when the event's API, stage, method and resource are the ones
 * it was worked out for, so it is always the answer a fresh reading would give. Bounded: when full, the
 * map starts again (made-up ARNs cost one fresh reading each, never a wrong answer).
 *
 * @example
 * const readRoute = createRestRouteReader();
 * readRoute(event); // { routeKey: "GET /v1/conversations/{conversationId}", methodArnMismatch: false, ... }
 */
export function createRestRouteReader(
  maxEntries = 1024,
): (event: APIGatewayRequestAuthorizerEvent) => RestRoute {
  let entries = new Map<string, Entry>();
  return (event) => {
    const { methodArn, httpMethod, resource } = event;
    const apiId = event.requestContext?.apiId;
    const stage = event.requestContext?.stage;
    const known = entries.get(methodArn);
    if (
      known !== undefined &&
      known.httpMethod === httpMethod &&
      known.resource === resource &&
      known.apiId === apiId &&
      known.stage === stage
    ) {
      return known.route;
    }
    const route = readRestRoute(event, apiId, stage);
    if (typeof methodArn === "string" && typeof httpMethod === "string" && typeof resource === "string") {
      if (entries.size >= maxEntries) entries = new Map();
      entries.set(methodArn, { apiId, stage, httpMethod, resource, route });
    }
    return route;
  };
}

function readRestRoute(event: APIGatewayRequestAuthorizerEvent, apiId: unknown, stage: unknown): RestRoute {
  const { httpMethod, resource } = event;
  const wellFormed = typeof httpMethod === "string" && typeof resource === "string";
  const arn = parseMethodArn(event.methodArn);
  const methodArnMismatch =
    !wellFormed || arn === undefined || !methodArnMatches(arn, { apiId, stage, httpMethod, resource });
  return {
    routeKey: wellFormed ? `${httpMethod} ${resource}`.slice(0, 256) : undefined,
    methodArnMismatch,
    policyResource: methodArnMismatch || arn === undefined ? event.methodArn : routeArn(arn, resource),
  };
}
