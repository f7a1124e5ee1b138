import { emptyRecord } from "../core/json/emptyRecord.ts";
import { type RouteDefinition, routes } from "./routes.ts";

interface CompiledRoute {
  readonly route: RouteDefinition;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

const compiled: readonly CompiledRoute[] = routes.map((route) => {
  const names: string[] = [];
  const source = route.path
    .split("/")
    .map((segment) => {
      const parameter = /^\{(\w+)\}$/.exec(segment);
      if (!parameter?.[1]) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(parameter[1]);
      return "([^/]+)";
    })
    .join("/");
  return { route, pattern: new RegExp(`^${source}$`), names };
});

/**
 * Finds the route for a method and path the way API Gateway does for an HTTP API: literal segments match
 * exactly, `{name}` matches one segment, and a literal route wins over a parameterized one
 * (`/v1/models/x` is getModel, not a template). Path parameters come back URL-decoded.
 *
 * @example
 * matchRoute("GET", "/v1/conversations/0b7e.../messages");
 * // { route: listMessages, pathParameters: { conversationId: "0b7e..." } }
 */
export function matchRoute(
  method: string,
  path: string,
): { route: RouteDefinition; pathParameters: Record<string, string> } | undefined {
  let best: { route: RouteDefinition; pathParameters: Record<string, string> } | undefined;
  for (const candidate of compiled) {
    if (candidate.route.method !== method) continue;
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    const pathParameters = emptyRecord<string>();
    let decodable = true;
    candidate.names.forEach((name, index) => {
      try {
        pathParameters[name] = decodeURIComponent(match[index + 1] ?? "");
      } catch {
        decodable = false;
      }
    });
    if (!decodable) continue;
    if (candidate.names.length === 0) return { route: candidate.route, pathParameters };
    best ??= { route: candidate.route, pathParameters };
  }
  return best;
}
