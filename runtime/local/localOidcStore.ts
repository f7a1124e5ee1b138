import type { Adapter, AdapterPayload } from "oidc-provider";

interface Entry {
  readonly payload: AdapterPayload;
  readonly expiresAtMs: number;
}

/**
 * The local OpenID Provider's state (interactions, sessions, grants, codes, tokens) in memory, for the
 * life of the platform. It lives outside the provider instance because the instance is rebuilt when the
 * signing key rotates, and a sign-in in progress must survive that. A restart forgets it all, which locally
 * only means signing in again. oidc-provider's own memory adapter would do the same but warns on every
 * instance that it must not be used in production.
 *
 * @example
 * const store = new LocalOidcStore();
 * new Provider(issuer, { adapter: (name) => store.adapter(name) });
 */
export class LocalOidcStore {
  readonly #entries = new Map<string, Entry>();
  /** Keys of everything a grant issued, so revoking the grant revokes them all. */
  readonly #grantMembers = new Map<string, Set<string>>();
  #writes = 0;

  /** The adapter of one model (`Session`, `Grant`, `AuthorizationCode`...). */
  adapter(model: string): Adapter {
    const key = (id: string) => `${model}:${id}`;
    const find = (id: string) => this.#read(key(id));
    return {
      upsert: async (id, payload, expiresIn) => {
        const expiresAtMs =
          expiresIn === undefined ? Number.POSITIVE_INFINITY : Date.now() + expiresIn * 1000;
        // Expired entries go on read; a sweep every so many writes bounds what is never read again.
        if (++this.#writes % 1000 === 0) this.#sweep();
        this.#entries.set(key(id), { payload, expiresAtMs });
        if (payload.uid !== undefined && model === "Session")
          this.#alias(`Session-uid:${payload.uid}`, id, expiresAtMs);
        if (payload.userCode !== undefined)
          this.#alias(`${model}-userCode:${payload.userCode}`, id, expiresAtMs);
        if (payload.grantId !== undefined) {
          const members = this.#grantMembers.get(payload.grantId) ?? new Set<string>();
          members.add(key(id));
          this.#grantMembers.set(payload.grantId, members);
        }
      },
      find: async (id) => find(id),
      findByUid: async (uid) => this.#viaAlias(`Session-uid:${uid}`, find),
      findByUserCode: async (userCode) => this.#viaAlias(`${model}-userCode:${userCode}`, find),
      consume: async (id) => {
        const entry = this.#entries.get(key(id));
        if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
      },
      destroy: async (id) => {
        this.#entries.delete(key(id));
      },
      revokeByGrantId: async (grantId) => {
        for (const member of this.#grantMembers.get(grantId) ?? []) this.#entries.delete(member);
        this.#grantMembers.delete(grantId);
      },
    };
  }

  #read(fullKey: string): AdapterPayload | undefined {
    const entry = this.#entries.get(fullKey);
    if (entry === undefined) return undefined;
    if (entry.expiresAtMs <= Date.now()) {
      this.#entries.delete(fullKey);
      return undefined;
    }
    return entry.payload;
  }

  #sweep(): void {
    const now = Date.now();
    for (const [fullKey, entry] of this.#entries) if (entry.expiresAtMs <= now) this.#entries.delete(fullKey);
  }

  #alias(aliasKey: string, id: string, expiresAtMs: number): void {
    this.#entries.set(aliasKey, { payload: { jti: id }, expiresAtMs });
  }

  #viaAlias(aliasKey: string, find: (id: string) => AdapterPayload | undefined) {
    const id = this.#read(aliasKey)?.jti;
    return id === undefined ? undefined : find(id);
  }
}
