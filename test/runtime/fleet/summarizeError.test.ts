import { describe, expect, it } from "vitest";
import { SiloError } from "../../../runtime/core/errors/siloError.ts";
import { summarizeError } from "../../../runtime/fleet/summarizeError.ts";

describe("summarizeError", () => {
  it("picks Pulumi's error line out of the command output", () => {
    const error = new Error(
      "code: 255\n stdout: Updating (tenant-acme)\n stderr: error: update failed\n more",
    );

    expect(summarizeError(error)).toBe("error: update failed");
  });

  it("keeps a kit error whole, with its code, on one line", () => {
    const error = new SiloError(
      "STACK_CONFIG_INVALID",
      "stack x has invalid config:\n- a; fix: b\n- c; fix: d",
    );

    expect(summarizeError(error)).toBe(
      "[STACK_CONFIG_INVALID] stack x has invalid config: - a; fix: b - c; fix: d",
    );
  });

  it("falls back to the first line, then to the value itself", () => {
    expect(summarizeError(new Error("connection reset\nat x"))).toBe("connection reset");
    expect(summarizeError("plain")).toBe("plain");
  });
});
