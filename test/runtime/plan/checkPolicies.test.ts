import * as aws from "@pulumi/aws";
import type { PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { validateResourceOfType } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import type { SiloResourcePolicy, SiloStackPolicy } from "../../../policies/rules/siloPolicy.ts";
import { checkPolicies, PolicyRuleError } from "../../../runtime/plan/checkPolicies.ts";
import { runPolicies } from "../../../runtime/plan/policyEngine/runPolicies.ts";
import { tenantProvider, testResource } from "../../policies/support/evaluateRule.ts";

const metadata = { severity: "high" as const, tags: ["nist:AC-3"], url: "https://docs.aws.amazon.com/" };

/** A resource rule that reports every key instance, with its config, as one message. */
const keyRule: SiloResourcePolicy = {
  ...metadata,
  kind: "resource",
  name: "test-kms-key-reported",
  description: "Reports every key.",
  enforcementLevel: "advisory",
  configSchema: {
    properties: {
      minimumDays: { type: "integer", default: 7, description: "A threshold." },
      label: { type: "string", default: "baseline", description: "A label." },
    },
  },
  validateResource: validateResourceOfType(aws.kms.Key, (_key, args, reportViolation) => {
    reportViolation(JSON.stringify(args.getConfig()), "urn:ignored");
  }),
};

const provider = tenantProvider("globex");
const component = testResource({ type: "silo:tenant:TenantKey", name: "tenant-key", custom: false });
const key = testResource({
  type: "aws:kms/key:Key",
  name: "tenant-key-key",
  inputs: { enableKeyRotation: true },
  state: { enableKeyRotation: true, arn: "arn:aws:kms:us-east-1:123456789012:key/k" },
  parent: component.urn,
  providerUrn: provider.urn,
});
const alias = testResource({
  type: "aws:kms/alias:Alias",
  name: "tenant-key-alias",
  inputs: { name: "alias/silo/globex" },
  parent: component.urn,
  dependencies: [key.urn],
  propertyDependencies: { targetKeyId: [key.urn] },
});
const stack = [provider, component, key, alias];

describe("checkPolicies", () => {
  it("reports with the rule's own level and the schema's defaults when the profile is empty", async () => {
    // Act
    const violations = await checkPolicies([keyRule], stack, { profile: {} });

    // Assess
    expect(violations).toEqual([
      {
        policy: "test-kms-key-reported",
        enforcementLevel: "advisory",
        severity: "high",
        urn: key.urn,
        message: '{"minimumDays":7,"label":"baseline"}',
      },
    ]);
  });

  it.each([
    ["a level string", "mandatory", "mandatory"],
    ["a level object", { enforcementLevel: "mandatory" }, "mandatory"],
    ["remediate, which a rule without remediation reports as mandatory", "remediate", "mandatory"],
  ] as const)("takes the profile's level given as %s", async (_how, setting, level) => {
    // Act
    const violations = await checkPolicies([keyRule], stack, {
      profile: { "test-kms-key-reported": setting },
    });

    // Assess
    expect(violations.map((violation) => violation.enforcementLevel)).toEqual([level]);
  });

  it("merges the profile's settings over the defaults, without enforcementLevel", async () => {
    // Act
    const violations = await checkPolicies([keyRule], stack, {
      profile: { "test-kms-key-reported": { enforcementLevel: "mandatory", minimumDays: 35 } },
    });

    // Assess
    expect(violations.map((violation) => violation.message)).toEqual([
      '{"minimumDays":35,"label":"baseline"}',
    ]);
  });

  it("skips a rule the profile disables", async () => {
    // Act
    const run = await runPolicies([keyRule], stack, { profile: { "test-kms-key-reported": "disabled" } });

    // Assess
    expect(run).toEqual({ violations: [], applied: new Set() });
  });

  it("passes a resource rule the inputs, provider and options the analyzer passes", async () => {
    // Prepare
    const seen: Omit<ResourceValidationArgs, "isType" | "asType" | "getConfig" | "notApplicable">[] = [];
    const rule: SiloResourcePolicy = {
      ...keyRule,
      validateResource: (args) => {
        const {
          isType: _isType,
          asType,
          getConfig: _getConfig,
          notApplicable: _notApplicable,
          ...rest
        } = args;
        if (args.isType(aws.kms.Key)) seen.push({ ...rest, props: asType(aws.kms.Key) ?? {} });
      },
    };

    // Act
    await checkPolicies([rule], stack, { profile: {}, stackTags: new Map([["silo:kit", "silo-kit"]]) });

    // Assess
    expect(seen).toEqual([
      {
        type: "aws:kms/key:Key",
        props: { enableKeyRotation: true },
        urn: key.urn,
        name: "tenant-key-key",
        opts: {
          protect: false,
          ignoreChanges: [],
          aliases: [],
          customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
          additionalSecretOutputs: [],
          parent: component.urn,
        },
        stackTags: new Map([["silo:kit", "silo-kit"]]),
        provider: {
          type: "pulumi:providers:aws",
          props: provider.inputs,
          urn: provider.urn,
          name: "globex-aws",
        },
      },
    ]);
  });

  it("runs a resource rule on every resource, components and providers included", async () => {
    // Prepare
    const types: string[] = [];
    const rule: SiloResourcePolicy = { ...keyRule, validateResource: (args) => void types.push(args.type) };

    // Act
    await checkPolicies([rule], stack, { profile: {} });

    // Assess
    expect(types).toEqual(stack.map((resource) => resource.type));
  });

  it("leaves out what a rule marks not applicable", async () => {
    // Prepare
    const rule: SiloResourcePolicy = {
      ...keyRule,
      validateResource: (args, reportViolation) => {
        if (args.type !== "aws:kms/alias:Alias") args.notApplicable("only aliases");
        reportViolation("alias seen");
      },
    };

    // Act
    const violations = await checkPolicies([rule], stack, { profile: {} });

    // Assess
    expect(violations.map((violation) => [violation.urn, violation.message])).toEqual([
      [alias.urn, "alias seen"],
    ]);
  });

  it("gives a stack rule every resource with outputs, parents and dependencies linked", async () => {
    // Prepare
    let resources: PolicyResource[] = [];
    const rule: SiloStackPolicy = {
      ...metadata,
      kind: "stack",
      name: "test-stack-seen",
      description: "Sees the stack.",
      enforcementLevel: "mandatory",
      validateStack: (args, reportViolation) => {
        resources = args.resources;
        reportViolation("the stack as a whole");
        reportViolation("one resource", key.urn);
      },
    };

    // Act
    const violations = await checkPolicies([rule], stack, { profile: {} });

    // Assess
    const [seenProvider, seenComponent, seenKey, seenAlias] = resources;
    expect(resources.map((resource) => resource.urn)).toEqual(stack.map((resource) => resource.urn));
    expect(seenKey?.props).toEqual({
      enableKeyRotation: true,
      arn: "arn:aws:kms:us-east-1:123456789012:key/k",
    });
    expect(seenKey?.parent).toBe(seenComponent);
    expect(seenKey?.provider?.urn).toBe(seenProvider?.urn);
    expect(seenAlias?.dependencies).toEqual([seenKey]);
    expect(seenAlias?.propertyDependencies).toEqual({ targetKeyId: [seenKey] });
    expect(seenAlias?.isType(aws.kms.Alias)).toBe(true);
    expect(violations.map((violation) => [violation.urn, violation.message])).toEqual([
      [undefined, "the stack as a whole"],
      [key.urn, "one resource"],
    ]);
  });

  it("reports resource rules before stack rules", async () => {
    // Prepare
    const stackRule: SiloStackPolicy = {
      ...metadata,
      kind: "stack",
      name: "test-stack-first-in-list",
      description: "Reports once.",
      enforcementLevel: "mandatory",
      validateStack: (_args, reportViolation) => reportViolation("stack"),
    };

    // Act
    const violations = await checkPolicies([stackRule, keyRule], stack, { profile: {} });

    // Assess
    expect(violations.map((violation) => violation.policy)).toEqual([
      "test-kms-key-reported",
      "test-stack-first-in-list",
    ]);
  });

  it.each([
    [
      "a resource rule",
      {
        ...keyRule,
        validateResource: validateResourceOfType(aws.kms.Key, (keyProps) => {
          (keyProps as unknown as { policy: { Statement: unknown } }).policy.Statement;
        }),
      } satisfies SiloResourcePolicy,
      `policy test-kms-key-reported threw on ${key.urn}: Cannot read properties of undefined (reading 'Statement'); fix the rule in policies/rules/ (a rule reports violations, it does not throw).`,
    ],
    [
      "a stack rule",
      {
        ...metadata,
        kind: "stack",
        name: "test-stack-throws",
        description: "Throws.",
        enforcementLevel: "mandatory",
        validateStack: () => {
          throw new Error("boom");
        },
      } satisfies SiloStackPolicy,
      "policy test-stack-throws threw on the stack (4 resources): boom; fix the rule in policies/rules/ (a rule reports violations, it does not throw).",
    ],
  ])("fails with the rule and resource when %s throws", async (_what, rule, message) => {
    // Act
    const run = checkPolicies([rule], stack, { profile: {} });

    // Assess
    await expect(run).rejects.toThrow(PolicyRuleError);
    await expect(run).rejects.toThrow(expect.objectContaining({ code: "POLICY_RULE_FAILED", message }));
  });
});
