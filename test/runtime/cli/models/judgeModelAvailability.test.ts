import { describe, expect, it } from "vitest";
import { judgeModelAvailability } from "../../../../runtime/cli/models/judgeModelAvailability.ts";
import type { ModelAvailability } from "../../../../runtime/cli/models/modelAvailability.ts";
import type { ModelCheckTarget } from "../../../../runtime/cli/models/modelCheckTargets.ts";

const ready: ModelAvailability = {
  found: true,
  authorizationStatus: "AUTHORIZED",
  entitlementAvailability: "AVAILABLE",
  regionAvailability: "AVAILABLE",
  agreementStatus: "AVAILABLE",
};

function target(overrides: Partial<ModelCheckTarget> = {}): ModelCheckTarget {
  return {
    foundationModelId: "anthropic.claude-sonnet-4-20250514-v1:0",
    region: "us-east-1",
    calling: true,
    onDemand: false,
    type: "chat",
    tenants: ["acme"],
    modelIds: ["us.anthropic.claude-sonnet-4-20250514-v1:0"],
    ...overrides,
  };
}

describe("judgeModelAvailability", () => {
  it("is ready when authorized, entitled, in the Region and the agreement is available", () => {
    expect(judgeModelAvailability(target(), ready)).toEqual({ verdict: "ready", problems: [] });
  });

  it("is ready when Bedrock reports no agreement at all", () => {
    const { agreementStatus: _, ...withoutAgreement } = ready as Extract<ModelAvailability, { found: true }>;

    expect(judgeModelAvailability(target(), withoutAgreement).verdict).toBe("ready");
  });

  it("asks for Anthropic's use-case form when an Anthropic model is not authorized", () => {
    const result = judgeModelAvailability(target(), { ...ready, authorizationStatus: "NOT_AUTHORIZED" });

    expect(result.verdict).toBe("not-ready");
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({
      kind: "use-case-form",
      blocking: true,
      problem:
        "authorizationStatus is NOT_AUTHORIZED: the account has not submitted Anthropic's use-case form",
    });
    expect(result.problems[0]?.fix).toContain(
      "`aws bedrock put-use-case-for-model-access --form-data fileb://use-case.json`",
    );
  });

  it("points another family's missing authorization at the Organization's policies, not the form", () => {
    const result = judgeModelAvailability(target({ foundationModelId: "cohere.embed-english-v3" }), {
      ...ready,
      authorizationStatus: "NOT_AUTHORIZED",
    });

    expect(result.problems.map((problem) => problem.kind)).toEqual(["not-authorized"]);
  });

  it("asks an administrator's first invocation for a Marketplace model without a subscription", () => {
    const result = judgeModelAvailability(
      target({
        foundationModelId: "cohere.embed-english-v3",
        onDemand: true,
        type: "embedding",
        modelIds: ["cohere.embed-english-v3"],
      }),
      { ...ready, entitlementAvailability: "NOT_AVAILABLE" },
    );

    expect(result.verdict).toBe("not-ready");
    expect(result.problems[0]?.problem).toBe(
      "entitlementAvailability is NOT_AVAILABLE: the account has no AWS Marketplace subscription to the model yet",
    );
    expect(result.problems[0]?.fix).toContain("aws-marketplace:Subscribe");
    expect(result.problems[0]?.fix).toContain(
      "`aws bedrock-runtime invoke-model --region us-east-1 --model-id cohere.embed-english-v3 " +
        `--body '{"texts":["hello"],"input_type":"search_document"}' --cli-binary-format raw-in-base64-out /dev/stdout\``,
    );
  });

  it.each([
    [
      "NOT_AVAILABLE",
      "agreement",
      "create-foundation-model-agreement --model-id anthropic.claude-sonnet-4-20250514-v1:0",
    ],
    ["PENDING", "agreement-pending", "run this check again"],
    ["ERROR", "agreement-failed", "valid payment method"],
  ])("reports an agreement %s as %s with its fix", (status, kind, fix) => {
    const result = judgeModelAvailability(target(), { ...ready, agreementStatus: status });

    expect(result.verdict).toBe("not-ready");
    expect(result.problems).toMatchObject([{ kind, blocking: true }]);
    expect(result.problems[0]?.fix).toContain(fix);
  });

  it("advises the catalogue's cross-Region profile for a model not offered on demand in the Region", () => {
    const result = judgeModelAvailability(
      target({
        foundationModelId: "amazon.nova-lite-v1:0",
        region: "eu-west-1",
        onDemand: true,
        modelIds: ["amazon.nova-lite-v1:0"],
      }),
      { ...ready, regionAvailability: "NOT_AVAILABLE" },
    );

    expect(result).toEqual({
      verdict: "not-ready",
      problems: [
        {
          kind: "not-in-region",
          blocking: true,
          problem: "regionAvailability is NOT_AVAILABLE: the model is not offered on demand in eu-west-1",
          fix: "set modelId to eu.amazon.nova-lite-v1:0 (a cross-Region inference profile)",
        },
      ],
    });
  });

  it("treats a model Bedrock does not know on demand in the Region as not in the Region", () => {
    const result = judgeModelAvailability(
      target({ foundationModelId: "meta.llama3-2-3b-instruct-v1:0", onDemand: true }),
      { found: false, message: "ResourceNotFoundException: The provided model identifier is invalid." },
    );

    expect(result.verdict).toBe("not-ready");
    expect(result.problems[0]?.problem).toBe(
      "Bedrock does not know the model in us-east-1 (ResourceNotFoundException: The provided model identifier is invalid.): the model is not offered on demand in us-east-1",
    );
    expect(result.problems[0]?.fix).toContain(
      "name it by a cross-Region inference profile callable from us-east-1",
    );
  });

  it("only warns when a Region a profile routes to does not offer the model", () => {
    const result = judgeModelAvailability(target({ region: "us-west-1", calling: false }), {
      found: false,
      message: "ResourceNotFoundException: not found",
    });

    expect(result.verdict).toBe("warning");
    expect(result.problems).toMatchObject([{ kind: "routed-region", blocking: false }]);
  });
});
