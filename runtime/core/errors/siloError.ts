/**
 * Base class of every error the kit throws on purpose. `code` is stable and machine-readable (tests, logs
 * and HTTP problem bodies use it); `message` names the thing, the value and the fix.
 */
export class SiloError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}
