/** Reads one claim from a verified payload; `undefined` when any step is missing. */
export type ClaimReader = (payload: Readonly<Record<string, unknown>>) => unknown;

/**
 * Compiles a claim path once (at cold start), so reading it per token costs a few property lookups.
 * Dots step into nested objects (`o.id`, `realm_access.roles`); a claim named by a URL
 * (`https://example.com/tenant_id`, Auth0's namespaced claims) is one literal name, dots and all. Only own
 * properties of plain objects are read: an array is never indexed and `__proto__` never followed.
 *
 * @example
 * compileClaimPath("o.id")({ o: { id: "org_2b" } }); // "org_2b"
 * compileClaimPath("https://silo.example/tenant")({ "https://silo.example/tenant": "acme" }); // "acme"
 */
export function compileClaimPath(path: string): ClaimReader {
  const steps = /^https?:\/\//.test(path) ? [path] : path.split(".");
  if (steps.length === 1) {
    const [name = ""] = steps;
    return (payload) => (Object.hasOwn(payload, name) ? payload[name] : undefined);
  }
  return (payload) => {
    let value: unknown = payload;
    for (const step of steps) {
      if (
        typeof value !== "object" ||
        value === null ||
        Array.isArray(value) ||
        !Object.hasOwn(value, step)
      ) {
        return undefined;
      }
      value = (value as Record<string, unknown>)[step];
    }
    return value;
  };
}

/** The first of several claim paths that is present in the payload, read together. */
export function compileFirstClaim(paths: readonly string[]): ClaimReader {
  const readers = paths.map(compileClaimPath);
  if (readers.length === 1) return readers[0] as ClaimReader;
  return (payload) => {
    for (const read of readers) {
      const value = read(payload);
      if (value !== undefined) return value;
    }
    return undefined;
  };
}

/** Whether `path` is a claim path {@link compileClaimPath} accepts: non-empty steps of printable text. */
export function isClaimPath(path: string): boolean {
  if (/^https?:\/\/\S+$/.test(path)) return true;
  return path.split(".").every((step) => /^[\x21-\x7e]{1,128}$/.test(step) && step !== "__proto__");
}
