import { describe, expect, it } from "vitest";
import {
  echoDirectiveError,
  echoDirectives,
  echoThrottleRetryAfterSeconds,
  parseEchoDirective,
} from "../../../../../runtime/core/models/echo/echoDirective.ts";

const context = { provider: "echo", modelKey: "echo" } as const;

describe("parseEchoDirective", () => {
  it.each([
    ["[[silo:throttle]]", { kind: "fail", directive: "[[silo:throttle]]" }],
    ["[[silo:bad-response]]", { kind: "fail", directive: "[[silo:bad-response]]" }],
    ["[[silo:fail-mid-stream]]", { kind: "fail-mid-stream" }],
    ["[[silo:sleep:0]]", { kind: "sleep", ms: 0 }],
    ["[[silo:sleep:999999]]", { kind: "sleep", ms: 999999 }],
    ["[[silo:slow-stream:250]]", { kind: "slow-stream", ms: 250 }],
  ])("reads %s", (text, expected) => {
    expect(parseEchoDirective(text)).toEqual(expected);
  });

  it.each([
    " [[silo:error]]",
    "[[silo:error]] ",
    "please [[silo:fail-mid-stream]]",
    "[[silo:sleep:1000000]]",
    "[[silo:slow-stream:-1]]",
    "[[silo:sleep:]]",
    "[[silo:toString]]",
    "[[silo:call:lookup]]",
  ])("treats %j as text", (text) => {
    expect(parseEchoDirective(text)).toBeUndefined();
  });
});

describe("echoDirectiveError", () => {
  it.each(Object.entries(echoDirectives))("names %s as injected, with code %s", (directive, code) => {
    const error = echoDirectiveError(directive as keyof typeof echoDirectives, context);

    expect(error.code).toBe(code);
    expect(error.message).toMatch(/^echo /);
  });

  it("fails a stream mid-way as a provider error naming the directive", () => {
    const error = echoDirectiveError("[[silo:fail-mid-stream]]", context);

    expect(error.code).toBe("MODEL_PROVIDER_ERROR");
    expect(error.message).toContain("injected by the echo directive [[silo:fail-mid-stream]]");
  });

  it(`throttles with a retry after ${echoThrottleRetryAfterSeconds} s`, () => {
    expect(echoDirectiveError("[[silo:throttle]]", context)).toMatchObject({
      retryAfterSeconds: echoThrottleRetryAfterSeconds,
    });
  });
});
