import { SiloError } from "../core/errors/siloError.ts";

/** A request of the suite got no HTTP answer at all: refused connection, DNS failure or timeout. */
export class SmokeRequestError extends SiloError {
  constructor(method: string, url: string, cause: unknown, timeoutMs: number) {
    const timedOut = (cause as Error)?.name === "TimeoutError";
    super(
      "SMOKE_REQUEST_FAILED",
      timedOut
        ? `${method} ${url} got no answer within ${timeoutMs} ms; raise --timeout-ms or check the stack`
        : `${method} ${url} failed: ${describeCause(cause)}`,
      { cause },
    );
  }
}

/** The platform under test does not answer at all, so no check can run. */
export class SmokeUnreachableError extends SiloError {
  constructor(url: string, cause: unknown) {
    super(
      "SMOKE_URL_UNREACHABLE",
      `nothing answers at ${url} (${describeCause(cause)}); start the local platform (npm start) or check --url`,
      { cause },
    );
  }
}

/** The token source could not produce a token. */
export class SmokeTokenError extends SiloError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("SMOKE_TOKEN_FAILED", message, options);
  }
}

function describeCause(cause: unknown): string {
  const error = cause as (Error & { cause?: { code?: string; message?: string } }) | undefined;
  // fetch wraps the socket error: "fetch failed" says nothing, its cause says ECONNREFUSED.
  const inner = error?.cause?.code ?? error?.cause?.message;
  return inner ? `${error?.message}: ${inner}` : (error?.message ?? String(cause));
}
