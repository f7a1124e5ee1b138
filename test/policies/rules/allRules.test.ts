import { describe, expect, it } from "vitest";
import { allRules } from "../../../policies/rules/allRules.ts";

const namePattern = /^silo-[a-z0-9]+-[a-z0-9]+-[a-z0-9-]+$/;

describe("allRules", () => {
  it("gives every rule a unique silo- name", () => {
    // Act
    const names = allRules.map((rule) => rule.name);

    // Assess
    for (const name of names) expect(name).toMatch(namePattern);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(allRules.map((rule) => [rule.name, rule] as const))(
    "documents %s: description, enforcement, severity, controls, link",
    (_name, rule) => {
      // Assess
      expect(rule.description).toMatch(/^[A-Z].*\.$/);
      expect(["mandatory", "advisory"]).toContain(rule.enforcementLevel);
      expect(["low", "medium", "high", "critical"]).toContain(rule.severity);
      expect(rule.tags.some((tag) => tag.startsWith("nist:"))).toBe(true);
      for (const tag of rule.tags) expect(tag).toMatch(/^(fsbp|nist):[A-Za-z0-9.()-]+$/);
      expect(rule.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      expect(rule.validateResource).toBeDefined();
    },
  );
});
