import { describe, expect, it } from "vitest";
import { converseToolUseId } from "../../../../../runtime/core/models/bedrock/converseToolUseId.ts";

describe("converseToolUseId", () => {
  it.each(["tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", "call_abc-123", "a".repeat(64)])(
    "keeps %s, which Converse accepts",
    (id) => {
      expect(converseToolUseId(id)).toBe(id);
    },
  );

  it.each(["functions.get_weather:0", "a".repeat(65), "", "call 1"])(
    "makes %j one Converse accepts, the same each time",
    (id) => {
      const converted = converseToolUseId(id);

      expect(converted).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
      expect(converseToolUseId(id)).toBe(converted);
    },
  );

  it("keeps distinct ids distinct when only their invalid characters differ", () => {
    expect(converseToolUseId("functions.get:0")).not.toBe(converseToolUseId("functions:get.0"));
    expect(converseToolUseId("functions.get:0")).toMatch(/^functions_get_0_[0-9a-f]{8}$/);
  });
});
