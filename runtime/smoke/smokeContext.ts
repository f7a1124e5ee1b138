import { type Scope, scopes } from "../api/scopes.ts";
import type { SmokeClient } from "./smokeClient.ts";
import type { CheckOutcome, CheckStatus } from "./smokeReport.ts";
import type { TokenSource } from "./tokenSource.ts";

/** Every scope: the token of a fully privileged client of one tenant. */
export const everyScope = Object.keys(scopes) as Scope[];

/** What every check runs with. */
export interface SmokeContext {
  readonly client: SmokeClient;
  readonly tokens: TokenSource;
  /**
   * Runs one named check, records its result and reports progress. A thrown error is the check's failure,
   * with the error's message as the detail, so a check never stops the suite.
   */
  check(name: string, tenant: string | undefined, run: () => Promise<CheckOutcome>): Promise<CheckStatus>;
}

/** What the checks of one tenant learn and later checks build on. */
export interface TenantState {
  readonly tenantId: string;
  /**
   * The tenant's own token was accepted on its own API (`GET /v1/models` answered 200). Denial checks need
   * this positive control: when every token is refused, a 403 proves nothing.
   */
  tokenAccepted: boolean;
  /** Model keys from `GET /v1/models`, in its order. */
  modelKeys: readonly string[];
  /** The keys of those models with `type: chat`, in the same order. */
  chatModelKeys: readonly string[];
  /** The keys of those models with `type: embedding`, in the same order. */
  embeddingModelKeys: readonly string[];
  /** The conversation the data checks created. */
  conversationId?: string;
}

/** A fresh state for a tenant whose checks have not run yet. */
export function newTenantState(tenantId: string): TenantState {
  return { tenantId, tokenAccepted: false, modelKeys: [], chatModelKeys: [], embeddingModelKeys: [] };
}
