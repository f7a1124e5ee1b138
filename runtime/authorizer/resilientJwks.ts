import {
  createLocalJWKSet,
  errors,
  type FlattenedJWSInput,
  type JSONWebKeySet,
  type JWK,
  type JWSHeaderParameters,
} from "jose";
import { AuthorizationDenied } from "./denyReason.ts";

/** The key type jose's verify functions take from a resolver. */
type VerificationKey = Awaited<ReturnType<ReturnType<typeof createLocalJWKSet>>>;

/** Options of {@link createResilientJwks}. */
export interface ResilientJwksOptions {
  readonly url: string;
  /** How long a fetched key set is used before it is refreshed. */
  readonly cacheMs: number;
  /** Least time between two fetches caused by an unknown `kid`. */
  readonly cooldownMs: number;
  readonly timeoutMs: number;
  /**
   * Longest wait after repeated failures; waits double from 1 s up to this.
   * @default 60000
   */
  readonly maxBackoffMs?: number;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** @default Date.now */
  readonly now?: () => number;
  /** Receives one structured event per fetch outcome. @default no logging */
  readonly onEvent?: (event: JwksEvent) => void;
}

export type JwksEvent =
  | { readonly event: "jwks_fetched"; readonly keys: number; readonly rejectedKeys: number }
  | { readonly event: "jwks_fetch_failed"; readonly error: string; readonly retryInMs: number };

/** A jose key resolver that survives identity-provider outages; see {@link createResilientJwks}. */
export interface ResilientJwks {
  (header: JWSHeaderParameters, token: FlattenedJWSInput): VerificationKey | Promise<VerificationKey>;
  /**
   * The key this resolver already returned for exactly this protected header (the token's first segment,
   * as text), while the key set it came from is fresh; else undefined. Handing jose that key instead of the
   * resolver gives the same verification without a resolver call and its await per token.
   */
  readonly keyForHeader: (protectedHeader: string) => VerificationKey | undefined;
  /** Fetch attempts so far (successful or not), for tests and metrics. */
  readonly fetchCount: () => number;
}

const minimumRsaBits = 2048;
const maxHeaders = 32;

/**
 * A JWKS key resolver for jose's `jwtVerify`, built for the edge authorizer. Unlike jose's
 * `createRemoteJWKSet`, which fetches again on every call once a fetch has failed, it:
 * - keeps using the last good key set through an outage (stale-while-error);
 * - backs off exponentially after failures, so a failing endpoint sees at most one fetch per back-off
 *   window however many requests arrive, and concurrent callers share one in-flight fetch;
 * - picks up a new `kid` without a restart, but refetches for an unknown `kid` at most once per cooldown,
 *   so random `kid`s cannot cause a refetch storm;
 * - refreshes after `cacheMs`, so keys removed from the JWKS stop working within that window;
 * - never accepts symmetric (`oct`) keys or RSA keys under 2048 bits from the set;
 * - remembers which key it returned for each protected header text (a bounded few), so a caller can hand
 *   jose that key directly for the next token with the same header ({@link ResilientJwks.keyForHeader}).
 *
 * @example
 * const keys = createResilientJwks({ url, cacheMs: 600_000, cooldownMs: 30_000, timeoutMs: 3000 });
 * await jwtVerify(token, keys, { algorithms: ["RS256"], issuer, audience });
 */
export function createResilientJwks(options: ResilientJwksOptions): ResilientJwks {
  const fetchJson = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  let local: ReturnType<typeof createLocalJWKSet> | undefined;
  let weakKids = new Set<string>();
  let fetchedAt = Number.NEGATIVE_INFINITY;
  let lastAttemptAt = Number.NEGATIVE_INFINITY;
  let nextAllowedAt = Number.NEGATIVE_INFINITY;
  let failures = 0;
  let attempts = 0;
  let inFlight: Promise<void> | undefined;
  // Keys already imported from the current set, by "kid alg": a hit returns the key without an await.
  let importedKeys = new Map<string, VerificationKey>();
  // The same keys by the exact protected header text they were resolved for. Bounded: the resolver runs
  // before the signature is checked, so anyone can add entries. An IdP signs with a handful of headers, so
  // when the bound is reached the map simply starts again (a flood of made-up headers costs the real ones
  // one slow resolution each, never a wrong key).
  let keysByHeader = new Map<string, VerificationKey>();
  const rememberHeader = (
    headers: Map<string, VerificationKey>,
    protectedHeader: string | undefined,
    key: VerificationKey,
  ) => {
    if (protectedHeader === undefined || headers.has(protectedHeader)) return;
    if (headers.size === maxHeaders) headers.clear();
    headers.set(protectedHeader, key);
  };

  async function fetchKeySet(): Promise<void> {
    attempts++;
    lastAttemptAt = now();
    try {
      const response = await fetchJson(options.url, {
        headers: { accept: "application/json" },
        redirect: "error",
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      if (!response.ok) throw new Error(`JWKS endpoint answered HTTP ${response.status}`);
      const body = (await response.json()) as unknown;
      const { usable, weak } = partitionKeys(body);
      local = createLocalJWKSet({ keys: usable });
      weakKids = weak;
      importedKeys = new Map();
      keysByHeader = new Map();
      fetchedAt = now();
      failures = 0;
      nextAllowedAt = Number.NEGATIVE_INFINITY;
      options.onEvent?.({ event: "jwks_fetched", keys: usable.length, rejectedKeys: weak.size });
    } catch (error) {
      failures++;
      const retryInMs = Math.min(maxBackoffMs, 1000 * 2 ** (failures - 1));
      nextAllowedAt = now() + retryInMs;
      options.onEvent?.({ event: "jwks_fetch_failed", error: (error as Error).message, retryInMs });
    }
  }

  /** Refreshes unless backing off; concurrent callers share one fetch. Never throws. */
  function refresh(): Promise<void> {
    if (inFlight) return inFlight;
    if (now() < nextAllowedAt) return Promise.resolve();
    inFlight = fetchKeySet().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  /** The key for `header` in the current set, remembered in that set's maps. */
  const fromCurrentSet = async (
    header: JWSHeaderParameters,
    token: FlattenedJWSInput,
    set: NonNullable<typeof local>,
  ): Promise<VerificationKey> => {
    // The maps of the set the key comes from. If a new set arrives while the key is imported, these maps are
    // already replaced, so a key the new set has withdrawn is never remembered for it.
    const imports = importedKeys;
    const headers = keysByHeader;
    const key = await set(header, token);
    if (header.kid !== undefined) imports.set(`${header.kid} ${header.alg}`, key);
    rememberHeader(headers, token.protected, key);
    return key;
  };

  const lookUpInSet = async (
    header: JWSHeaderParameters,
    token: FlattenedJWSInput,
  ): Promise<VerificationKey> => {
    if (local === undefined || now() - fetchedAt >= options.cacheMs) await refresh();
    if (local === undefined)
      throw new AuthorizationDenied("jwks_unavailable", "no key set could be fetched yet");
    if (header.kid !== undefined && weakKids.has(header.kid)) {
      throw new AuthorizationDenied("weak_key", `key ${header.kid} is shorter than ${minimumRsaBits} bits`);
    }
    try {
      return await fromCurrentSet(header, token, local);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
      if (now() - lastAttemptAt >= options.cooldownMs) {
        await refresh();
        try {
          return await fromCurrentSet(header, token, local);
        } catch (retryError) {
          if (!(retryError instanceof errors.JWKSNoMatchingKey)) throw retryError;
        }
      }
      throw new AuthorizationDenied("unknown_kid", "no key in the JWKS matches the token header", {
        cause: error,
      });
    }
  };
  // The common case (a known kid, a fresh set) is synchronous: jose then skips two awaits and a key filter
  // per token, which is a measurable share of a verification.
  const resolve = (header: JWSHeaderParameters, token: FlattenedJWSInput) => {
    if (header.kid !== undefined && now() - fetchedAt < options.cacheMs) {
      const imported = importedKeys.get(`${header.kid} ${header.alg}`);
      if (imported !== undefined) {
        rememberHeader(keysByHeader, token.protected, imported);
        return imported;
      }
    }
    return lookUpInSet(header, token);
  };
  const keyForHeader = (protectedHeader: string) =>
    now() - fetchedAt < options.cacheMs ? keysByHeader.get(protectedHeader) : undefined;
  return Object.assign(resolve, { keyForHeader, fetchCount: () => attempts });
}

/** Splits a fetched JWKS into keys the authorizer may use and the `kid`s of weak RSA keys it refuses. */
function partitionKeys(body: unknown): { usable: JWK[]; weak: Set<string> } {
  const keys = (body as Partial<JSONWebKeySet> | null)?.keys;
  if (!Array.isArray(keys)) throw new Error("JWKS response has no keys array");
  const usable: JWK[] = [];
  const weak = new Set<string>();
  for (const key of keys as JWK[]) {
    if (typeof key !== "object" || key === null || key.kty === "oct") continue;
    if (key.kty === "RSA" && rsaModulusBits(key) < minimumRsaBits) {
      if (typeof key.kid === "string") weak.add(key.kid);
      continue;
    }
    usable.push(key);
  }
  return { usable, weak };
}

function rsaModulusBits(key: JWK): number {
  if (typeof key.n !== "string") return 0;
  const bytes = Buffer.from(key.n, "base64url");
  let leadingZeroBytes = 0;
  while (leadingZeroBytes < bytes.length && bytes[leadingZeroBytes] === 0) leadingZeroBytes++;
  const significant = bytes.subarray(leadingZeroBytes);
  if (significant.length === 0) return 0;
  return (significant.length - 1) * 8 + Math.floor(Math.log2(significant[0] ?? 1)) + 1;
}
