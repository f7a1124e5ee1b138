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
      if (rule.kind === "resource") expect(rule.validateResource).toBeDefined();
      else expect(rule.validateStack).toBeTypeOf("function");
    },
  );

  it.each(allRules.map((rule) => [rule.name, rule] as const))(
    "gives every setting of %s a default (its baseline value) and a description",
    (_name, rule) => {
      // Assess
      for (const schema of Object.values(rule.configSchema?.properties ?? {})) {
        expect(schema).toMatchObject({ default: expect.anything(), description: expect.any(String) });
      }
    },
  );

  it("lists the stack-level rules", () => {
    // Act
    const stackRules = allRules.filter((rule) => rule.kind === "stack").map((rule) => rule.name);

    // Assess
    expect(stackRules).toEqual([
      "silo-rds-instance-tls-forced",
      "silo-rds-instance-ingress-same-tenant",
      "silo-kms-tenant-data-own-key",
      "silo-iam-policy-bedrock-own-profiles",
      "silo-iam-resource-policy-no-foreign-account",
      "silo-apigateway-stage-throttling",
      "silo-apigateway-stage-waf",
      "silo-s3-bucket-public-access-block",
      "silo-s3-bucket-encryption-kms",
      "silo-tagging-resources-tenant-tag",
    ]);
  });
});
