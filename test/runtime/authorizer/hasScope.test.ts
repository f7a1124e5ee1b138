import { describe, expect, it } from "vitest";
import { hasScope } from "../../../runtime/authorizer/hasScope.ts";

describe("hasScope", () => {
  it.each([
    ["chat:write", "chat:write", true],
    ["models:read chat:write", "chat:write", true],
    ["chat:write models:read", "chat:write", true],
    ["a chat:write b", "chat:write", true],
    ["chat:writer", "chat:write", false],
    ["xchat:write", "chat:write", false],
    ["chat:writer chat:write", "chat:write", true],
    ["models:read", "chat:write", false],
    ["", "chat:write", false],
    ["chat:write", "", false],
    ["chat", "chat:write", false],
  ])("reads scopes %o as holding %o: %s", (scopes, scope, expected) => {
    expect(hasScope(scopes, scope)).toBe(expected);
  });
});
