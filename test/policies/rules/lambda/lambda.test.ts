import { describe, expect, it } from "vitest";
import { functionReservedConcurrency } from "../../../../policies/rules/lambda/functionReservedConcurrency.ts";
import { functionRuntime } from "../../../../policies/rules/lambda/functionRuntime.ts";
import { evaluateRule, violationsOf } from "../../support/evaluateRule.ts";

const type = "aws:lambda/function:Function";
const compliant = {
  name: "silo-acme-health-chat",
  runtime: "nodejs22.x",
  handler: "index.handler",
  reservedConcurrentExecutions: 10,
  tags: { "silo:tier": "regulated" },
};
const reservedMessage = (value: string) =>
  `reservedConcurrentExecutions is ${value}; a regulated tenant's functions reserve concurrency: set it from the tenant's limits.reservedConcurrency (default 5 for tier regulated).`;

describe("the Lambda function rules", () => {
  it.each([functionRuntime, functionReservedConcurrency].map((rule) => [rule.name, rule] as const))(
    "%s passes the compliant function",
    async (_name, rule) => {
      // Act
      const violations = await violationsOf(rule, type, compliant);

      // Assess
      expect(violations).toEqual([]);
    },
  );

  it("passes a function with reserved concurrency 0 (a switched-off tenant)", async () => {
    // Act
    const violations = await violationsOf(functionReservedConcurrency, type, {
      ...compliant,
      reservedConcurrentExecutions: 0,
    });

    // Assess
    expect(violations).toEqual([]);
  });

  it.each([
    ["nodejs20.x", 'runtime is "nodejs20.x"; set runtime to one of nodejs22.x.'],
    [undefined, "runtime is undefined; set runtime to one of nodejs22.x."],
  ])("reports runtime %s", async (runtime, message) => {
    // Act
    const violations = await violationsOf(functionRuntime, type, { ...compliant, runtime });

    // Assess
    expect(violations).toEqual([message]);
  });

  it.each([
    [-1, reservedMessage("-1")],
    [undefined, reservedMessage("undefined")],
  ])("reports reservedConcurrentExecutions %s", async (reservedConcurrentExecutions, message) => {
    // Act
    const violations = await violationsOf(functionReservedConcurrency, type, {
      ...compliant,
      reservedConcurrentExecutions,
    });

    // Assess
    expect(violations).toEqual([message]);
  });

  it.each([
    ["own tags", { tags: { "silo:tenant": "shared" } }, {}],
    ["provider default tags", {}, { defaultTags: { tags: { "silo:tenant": "shared" } } }],
    [
      "provider default tags as JSON",
      {},
      { defaultTags: JSON.stringify({ tags: { "silo:tenant": "shared" } }) },
    ],
  ])(
    "does not require reserved concurrency of a shared-edge function (%s)",
    async (_how, tags, providerProps) => {
      // Act
      const verdict = await evaluateRule(
        functionReservedConcurrency,
        type,
        {
          ...compliant,
          tags: { ...compliant.tags, ...(tags as { tags?: Record<string, string> }).tags },
          reservedConcurrentExecutions: undefined,
        },
        {
          provider: { type: "pulumi:providers:aws", props: providerProps, urn: "urn:provider", name: "aws" },
        },
      );

      // Assess
      expect(verdict.applicable).toBe(false);
    },
  );

  /** The rule's verdict on a function without reserved concurrency, its tags coming from its provider. */
  const verdictWithProviderTags = (tags: Record<string, string>) =>
    evaluateRule(
      functionReservedConcurrency,
      type,
      { ...compliant, tags: {}, reservedConcurrentExecutions: undefined },
      {
        provider: {
          type: "pulumi:providers:aws",
          props: { defaultTags: { tags } },
          urn: "urn:provider",
          name: "aws",
        },
      },
    );

  it("does not require reserved concurrency of a standard tenant's function (opt-in)", async () => {
    // Act
    const verdict = await verdictWithProviderTags({ "silo:tenant": "globex", "silo:tier": "standard" });

    // Assess
    expect(verdict.applicable).toBe(false);
  });

  it("requires reserved concurrency of a regulated tenant's function, tier from the provider's tags", async () => {
    // Act
    const verdict = await verdictWithProviderTags({ "silo:tenant": "acme-health", "silo:tier": "regulated" });

    // Assess
    expect(verdict).toEqual({ applicable: true, violations: [reservedMessage("undefined")] });
  });
});
