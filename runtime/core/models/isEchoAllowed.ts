import type { TenantConfig } from "../../../tenants/schema.ts";

/** Environment names in which the echo provider may serve a tenant. */
export const echoEnvironments = ["local", "test"] as const;

/**
 * Whether the router may use the deterministic echo provider for this tenant: only when **both** the
 * tenant's allowlist names an echo model explicitly **and** the environment is exactly `local` or `test`.
 * Production (any other environment name, or none) never echoes, whatever the tenant file says; and a
 * tenant that lists no echo model never gets one, whatever the environment. The handler wiring passes the
 * result as the router's `allowEcho`.
 *
 * @example
 * isEchoAllowed(models, "local"); // true if models.allowlist has a provider: echo entry
 * isEchoAllowed(models, "production"); // false
 * isEchoAllowed(models, undefined); // false
 */
export function isEchoAllowed(models: TenantConfig["models"], environment: string | undefined): boolean {
  const localEnvironment = (echoEnvironments as readonly string[]).includes(environment ?? "");
  return localEnvironment && models.allowlist.some((model) => model.provider === "echo");
}
