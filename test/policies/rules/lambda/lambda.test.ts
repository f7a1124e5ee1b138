import { describe, expect, it } from "vitest";
import { functionReservedConcurrency } from "../../../../policies/rules/lambda/functionReservedConcurrency.ts";
import { functionRuntime } from "../../../../policies/rules/lambda/functionRuntime.ts";
import { evaluateRule, violationsOf } from "../../support/evaluateRule.ts";

const type = "aws:lambda/function:Function";
const compliant = {
  name: "silo-globex-chat",
  runtime: "nodejs22.x",
  handler: "index.handler",
  reservedConcurrentExecutions: 10,
};

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
    [-1, "reservedConcurrentExecutions is -1; set it from the tenant's limits.reservedConcurrency."],
    [
      undefined,
      "reservedConcurrentExecutions is undefined; set it from the tenant's limits.reservedConcurrency.",
    ],
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
        { ...compliant, ...tags, reservedConcurrentExecutions: undefined },
        {
          provider: { type: "pulumi:providers:aws", props: providerProps, urn: "urn:provider", name: "aws" },
        },
      );

      // Assess
      expect(verdict.applicable).toBe(false);
    },
  );

  it("requires reserved concurrency of a tenant's function", async () => {
    // Act
    const verdict = await evaluateRule(
      functionReservedConcurrency,
      type,
      { ...compliant, reservedConcurrentExecutions: undefined },
      {
        provider: {
          type: "pulumi:providers:aws",
          props: { defaultTags: { tags: { "silo:tenant": "globex" } } },
          urn: "urn:provider",
          name: "aws",
        },
      },
    );

    // Assess
    expect(verdict).toEqual({
      applicable: true,
      violations: [
        "reservedConcurrentExecutions is undefined; set it from the tenant's limits.reservedConcurrency.",
      ],
    });
  });
});
