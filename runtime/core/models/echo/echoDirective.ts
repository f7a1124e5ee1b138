import {
  type ModelError,
  ProviderBadResponseError,
  ProviderRejectedError,
  ProviderThrottledError,
  ProviderTimeoutError,
  ProviderUnavailableError,
} from "../modelErrors.ts";

/** `retryAfterSeconds` of the throttling error `[[silo:throttle]]` injects. */
export const echoThrottleRetryAfterSeconds = 1;

/**
 * Fault-injection directives that fail the call at once, and the code each throws. They act only when the
 * **last** user message's text is exactly the directive (no surrounding whitespace); see
 * {@link parseEchoDirective} for the timing directives.
 */
export const echoDirectives = {
  "[[silo:throttle]]": "MODEL_THROTTLED",
  "[[silo:timeout]]": "MODEL_TIMEOUT",
  "[[silo:error]]": "MODEL_PROVIDER_ERROR",
  "[[silo:reject]]": "MODEL_REQUEST_REJECTED",
  "[[silo:bad-response]]": "MODEL_BAD_RESPONSE",
} as const;

/** What a directive asks of the echo provider. */
export type EchoDirective =
  | { readonly kind: "fail"; readonly directive: keyof typeof echoDirectives }
  /** Wait `ms` (abort-aware) before answering. */
  | { readonly kind: "sleep"; readonly ms: number }
  /** Stream the first event, then fail with `MODEL_PROVIDER_ERROR` (`complete` fails at once). */
  | { readonly kind: "fail-mid-stream" }
  /** Wait `ms` (abort-aware) between two events of a stream (`complete` answers at once). */
  | { readonly kind: "slow-stream"; readonly ms: number };

/** The directive that fails a stream after its first event. */
export const echoFailMidStreamDirective = "[[silo:fail-mid-stream]]";

const timed = /^\[\[silo:(sleep|slow-stream):(\d{1,6})\]\]$/;

/**
 * The directive `text` is, exactly (the whole text, no surrounding whitespace), or `undefined`: a directive
 * inside other text is only text.
 *
 * @example
 * parseEchoDirective("[[silo:slow-stream:200]]"); // { kind: "slow-stream", ms: 200 }
 * parseEchoDirective(" [[silo:error]]"); // undefined
 */
export function parseEchoDirective(text: string): EchoDirective | undefined {
  if (Object.hasOwn(echoDirectives, text)) {
    return { kind: "fail", directive: text as keyof typeof echoDirectives };
  }
  if (text === echoFailMidStreamDirective) return { kind: "fail-mid-stream" };
  const match = timed.exec(text);
  if (match === null) return undefined;
  return { kind: match[1] === "sleep" ? "sleep" : "slow-stream", ms: Number(match[2]) };
}

/** The error a failing directive injects, named as injected so logs do not send anyone after a real outage. */
export function echoDirectiveError(
  directive: keyof typeof echoDirectives | typeof echoFailMidStreamDirective,
  context: { readonly provider: "echo"; readonly modelKey: string },
): ModelError {
  const injected = `injected by the echo directive ${directive}`;
  switch (directive) {
    case "[[silo:throttle]]":
      return new ProviderThrottledError({ ...context, retryAfterSeconds: echoThrottleRetryAfterSeconds });
    case "[[silo:timeout]]":
      return new ProviderTimeoutError({ ...context, reason: "timeout" });
    case "[[silo:reject]]":
      return new ProviderRejectedError({ ...context, detail: injected });
    case "[[silo:bad-response]]":
      return new ProviderBadResponseError({ ...context, problem: injected });
    default:
      return new ProviderUnavailableError({ ...context, detail: injected });
  }
}
