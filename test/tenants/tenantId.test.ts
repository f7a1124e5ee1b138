import { describe, expect, it } from "vitest";
import { isTenantId } from "../../tenants/tenantId.ts";

describe("isTenantId", () => {
  it.each(["acme", "acme-health", "a1b", "x".repeat(32), "globex2"])("accepts %s", (id) => {
    expect(isTenantId(id)).toBe(true);
  });

  it.each([
    ["too short", "ab"],
    ["too long", "x".repeat(33)],
    ["upper case", "Acme"],
    ["leading digit", "1acme"],
    ["leading hyphen", "-acme"],
    ["trailing hyphen", "acme-"],
    ["double hyphen", "acme--health"],
    ["underscore", "acme_health"],
    ["Cyrillic look-alike a", "\u0430cme"],
    ["dotless i", "\u0131nitech"],
    ["trailing newline", "acme\n"],
    ["path traversal", "../acme"],
    ["empty", ""],
  ])("rejects %s", (_name, id) => {
    expect(isTenantId(id)).toBe(false);
  });

  it.each([[123], [["acme"]], [null], [undefined], [{ toString: () => "acme" }]])(
    "rejects non-string %o",
    (value) => {
      expect(isTenantId(value)).toBe(false);
    },
  );
});
