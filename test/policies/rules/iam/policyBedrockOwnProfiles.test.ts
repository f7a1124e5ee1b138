import { describe, expect, it } from "vitest";
import { policyBedrockOwnProfiles } from "../../../../policies/rules/iam/policyBedrockOwnProfiles.ts";
import { placeBedrockModel } from "../../../../runtime/core/models/catalogue/placeBedrockModel.ts";
import { runPolicies } from "../../../../runtime/plan/policyEngine/runPolicies.ts";
import { stackViolationsOf, tenantProvider, testResource } from "../../support/evaluateRule.ts";

const profileArn = (id: string) =>
  `arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/${id}`;
const novaMicro = "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0";
const sonnetAnywhere = "arn:aws:bedrock:*::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0";
const sonnetProfile =
  "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0";
// The Regions the US profile routes to, from the model catalogue (as components/models/bedrockModels.ts grants).
const sonnetPlacement = placeBedrockModel("us.anthropic.claude-sonnet-4-20250514-v1:0", "us-east-1");
const sonnetInUs =
  sonnetPlacement.kind === "cross-region-profile"
    ? sonnetPlacement.destinationRegions.map(
        (region) => `arn:aws:bedrock:${region}::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0`,
      )
    : [];

function profile(tenant: string, id: string, copyFrom: string) {
  return testResource({
    type: "aws:bedrock/inferenceProfile:InferenceProfile",
    name: id,
    inputs: { name: `silo-${tenant}-${id}`, modelSource: { copyFrom }, tags: { "silo:tenant": tenant } },
    state: {
      name: `silo-${tenant}-${id}`,
      modelSource: { copyFrom },
      tags: { "silo:tenant": tenant },
      arn: profileArn(id),
    },
  });
}

/** Tenant globex's chat policy and profiles, as components/models/tenantModels.ts and functionPolicies.ts make them. */
function stack(resources: readonly string[]) {
  const provider = tenantProvider("globex");
  const policy = testResource({
    type: "aws:iam/rolePolicy:RolePolicy",
    name: "chat-policy",
    inputs: {
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: ["kms:Decrypt"],
            Resource: ["arn:aws:kms:us-east-1:123456789012:key/k"],
          },
          { Effect: "Allow", Action: ["bedrock:InvokeModel"], Resource: resources },
        ],
      }),
    },
    providerUrn: provider.urn,
  });
  return [
    provider,
    profile("globex", "nova", novaMicro),
    profile("globex", "sonnet", sonnetProfile),
    profile("initech", "initech-nova", novaMicro),
    policy,
  ];
}
const compliant = [profileArn("nova"), profileArn("sonnet"), novaMicro, sonnetProfile, ...sonnetInUs];

describe("policyBedrockOwnProfiles", () => {
  it("passes invoking the tenant's own profiles and the models behind them", async () => {
    // Prepare: the US profile routes to several Regions
    expect(sonnetInUs.length).toBeGreaterThan(1);

    // Act
    const violations = await stackViolationsOf(policyBedrockOwnProfiles, stack(compliant));

    // Assess
    expect(violations).toEqual([]);
  });

  it.each([
    ["*"],
    [profileArn("initech-nova")],
    ["arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-opus-4-v1:0"],
    ["arn:aws:bedrock:us-east-1::foundation-model/*"],
    // A known profile's model in any Region is wider than the Regions it routes to.
    [sonnetAnywhere],
    ["arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0"],
  ])("reports invoking %s", async (resource) => {
    // Act
    const violations = await stackViolationsOf(policyBedrockOwnProfiles, stack([...compliant, resource]));

    // Assess
    expect(violations).toEqual([
      [
        "chat-policy",
        `chat-policy allows bedrock:InvokeModel on ${JSON.stringify(resource)}, which is neither an inference profile of tenant globex in this stack nor the model behind one; allow only the tenant's own profiles (components/models/tenantModels.ts).`,
      ],
    ]);
  });

  it("does not apply to a stack where no policy invokes Bedrock", async () => {
    // Act
    const run = await runPolicies([policyBedrockOwnProfiles], [tenantProvider("initech")], { profile: {} });

    // Assess
    expect(run.applied.size).toBe(0);
  });

  it("reads a role's inline policies, in any action spelling, in stack tenant-globex whatever the tags", async () => {
    // Prepare
    const role = testResource({
      type: "aws:iam/role:Role",
      name: "reporting",
      stack: "tenant-globex",
      inputs: {
        tags: { "silo:tenant": "shared" },
        inlinePolicies: [
          {
            name: "models",
            policy: JSON.stringify({
              Statement: [{ Effect: "Allow", Action: "Bedrock:Invoke*", Resource: "*" }],
            }),
          },
        ],
      },
    });

    // Act
    const violations = await stackViolationsOf(policyBedrockOwnProfiles, [role]);

    // Assess
    expect(violations).toEqual([
      [
        "reporting",
        'reporting allows Bedrock:Invoke* on "*" in inlinePolicies[0].policy, which is neither an inference profile of tenant globex in this stack nor the model behind one; allow only the tenant\'s own profiles (components/models/tenantModels.ts).',
      ],
    ]);
  });
});
