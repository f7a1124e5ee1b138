import { SiloError } from "../errors/siloError.ts";

// Written by hand rather than with zod: the edge authorizer reads its environment with this, and its
// bundle budget (every request's cold start) zod alone would take a third of. The checks are few and flat.

/** Hosts that may be reached over plain http: this machine only (the local platform). */
const loopbackHosts = ["127.0.0.1", "localhost", "[::1]"];

/**
 * Reads configuration from environment variables and collects every problem instead of stopping at the
 * first, so a misconfigured function fails its cold start once, with the whole list to fix. Each reader
 * returns a usable placeholder (the default, `""` or `[]`) when the value is wrong, so the caller can go
 * on reading; {@link EnvironmentReader.finish} then throws one {@link SiloError} naming each variable, the
 * value found and the fix. Blank values (after trimming) count as unset.
 *
 * @example
 * const env = new EnvironmentReader(process.env);
 * const issuer = env.required("SILO_JWT_ISSUER", "the iss your identity provider puts in tokens");
 * const timeoutMs = env.wholeNumber("SILO_JWKS_TIMEOUT_MS", 3000, 100, 30_000);
 * env.finish("AUTHORIZER_CONFIG_INVALID", "the edge authorizer's environment");
 */
export class EnvironmentReader {
  /** Every problem found so far, one sentence each. */
  readonly problems: string[] = [];

  constructor(private readonly env: Readonly<Record<string, string | undefined>>) {}

  /** The trimmed value, or `undefined` when unset or blank. */
  text(name: string): string | undefined {
    return this.env[name]?.trim() || undefined;
  }

  /** Records a problem found by the caller's own check (cross-field rules, domain formats). */
  problem(message: string): void {
    this.problems.push(message);
  }

  /** A string that must be set; `what` tells the operator what to put there. */
  required(name: string, what: string): string {
    const value = this.text(name);
    if (value === undefined) this.problem(`${name} is required: ${what}`);
    return value ?? "";
  }

  optional(name: string, fallback: string): string {
    return this.text(name) ?? fallback;
  }

  /** A required comma-separated list; entries are trimmed and empty ones dropped. */
  requiredList(name: string, what: string): string[] {
    return splitList(this.required(name, what));
  }

  /** An optional comma-separated list; with `allowed`, every entry must be one of them and the list non-empty. */
  optionalList(name: string, fallback: readonly string[], allowed?: readonly string[]): string[] {
    const raw = this.text(name);
    const values = raw === undefined ? [...fallback] : splitList(raw);
    if (allowed && (values.length === 0 || values.some((value) => !allowed.includes(value)))) {
      this.problem(`${name} may list only ${allowed.join(", ")} (comma-separated)`);
    }
    return values;
  }

  /** Digits only (no sign, exponent or fraction), from `min` to `max` inclusive. */
  wholeNumber(name: string, fallback: number, min: number, max: number): number {
    const raw = this.text(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      this.problem(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
    }
    return value;
  }

  /** One of `allowed`; the message lists them all. */
  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.text(name) ?? fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      const choices =
        allowed.length === 2 ? `${allowed[0]} or ${allowed[1]}` : `one of ${allowed.join(", ")}`;
      this.problem(`${name} must be ${choices}, got ${JSON.stringify(value)}`);
    }
    return value as T;
  }

  /**
   * A required http(s) URL. Plain http is accepted only for a loopback host, so a token's keys or a
   * callback are never fetched in clear over a network.
   */
  httpsUrl(name: string, what: string, example: string): string {
    const value = this.required(name, what);
    if (value === "") return value;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      this.problem(`${name} must be a URL, e.g. ${example}, got ${JSON.stringify(value)}`);
      return value;
    }
    if (url.protocol !== "https:" && !(url.protocol === "http:" && loopbackHosts.includes(url.hostname))) {
      this.problem(
        `${name} must use https (plain http is allowed only for 127.0.0.1/localhost, the local platform)`,
      );
    }
    return value;
  }

  /**
   * A required JSON value (or `fallback` text when unset), handed to `accept`, which returns the typed value
   * or records its own problem with {@link EnvironmentReader.problem} and returns `undefined`. The raw
   * text is never echoed: these variables may carry secrets.
   */
  json<T>(name: string, accept: (value: unknown) => T | undefined, fallback?: string): T | undefined {
    const raw = this.text(name) ?? fallback;
    if (raw === undefined) {
      this.problem(`${name} is required`);
      return undefined;
    }
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      this.problem(`${name} is not valid JSON`);
      return undefined;
    }
    return accept(value);
  }

  /**
   * Throws one {@link SiloError} with `code`, listing every problem, when there is any.
   * `subject` names what was read, e.g. "the edge authorizer's environment".
   */
  finish(code: string, subject: string): void {
    if (this.problems.length > 0) {
      throw new SiloError(
        code,
        `${subject} is invalid:\n${this.problems.map((problem) => `- ${problem}`).join("\n")}`,
      );
    }
  }
}

function splitList(value: string): string[] {
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}
