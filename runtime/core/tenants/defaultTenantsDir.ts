import { isAbsolute, relative } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The repository's `tenants/` folder (relative to the working directory when inside it, so messages stay
 * short), or `SILO_TENANTS_DIR` when set. Kept apart from the loader so the `silo` command tree can show it
 * as a default without loading zod and yaml.
 */
export function defaultTenantsDir(): string {
  if (process.env.SILO_TENANTS_DIR) return process.env.SILO_TENANTS_DIR;
  const absolute = fileURLToPath(new URL("../../../tenants", import.meta.url));
  const fromCwd = relative(process.cwd(), absolute);
  return fromCwd.startsWith("..") || isAbsolute(fromCwd) ? absolute : fromCwd;
}
