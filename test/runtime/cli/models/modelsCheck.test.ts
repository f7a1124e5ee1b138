import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  AccessDeniedException,
  BedrockClient,
  GetFoundationModelAvailabilityCommand,
} from "@aws-sdk/client-bedrock";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import accessDenied from "../../../fixtures/bedrock/access-denied.json" with { type: "json" };
import agreementError from "../../../fixtures/bedrock/availability-agreement-error.json" with {
  type: "json",
};
import useCaseMissing from "../../../fixtures/bedrock/availability-anthropic-use-case-missing.json" with {
  type: "json",
};
import notInRegion from "../../../fixtures/bedrock/availability-not-in-region.json" with { type: "json" };
import readyFixture from "../../../fixtures/bedrock/availability-ready.json" with { type: "json" };
import { runSilo } from "../captureContext.ts";

const bedrock = mockClient(BedrockClient);
const exampleTenants = fileURLToPath(new URL("../../../../tenants", import.meta.url));
const sonnet4 = "anthropic.claude-sonnet-4-20250514-v1:0";

/** Bedrock's answer for every model: `ready` with the model's id unless `answers` has one for the model. */
function answerWith(answers: Readonly<Record<string, object>> = {}): {
  calls: Array<{ modelId: string; region: string }>;
} {
  const calls: Array<{ modelId: string; region: string }> = [];
  bedrock.on(GetFoundationModelAvailabilityCommand).callsFake(async (input, getClient) => {
    const modelId = String(input.modelId);
    calls.push({ modelId, region: await getClient().config.region() });
    return answers[modelId] ?? { ...readyFixture, modelId };
  });
  return { calls };
}

let dir: string;

beforeEach(async () => {
  bedrock.reset();
  dir = await mkdtemp(join(tmpdir(), "silo-models-check-"));
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

/** Writes `<dir>/<id>.yaml`, a valid standard tenant with `nova-lite` as its default and `models` besides. */
async function writeTenant(id: string, models: ReadonlyArray<{ modelId: string; type?: string }>) {
  const allowlist = [{ modelId: "amazon.nova-lite-v1:0" }, ...models]
    .map(
      (model, index) =>
        `    - key: m${index}\n      provider: bedrock\n      modelId: ${model.modelId}\n` +
        (model.type === undefined ? "" : `      type: ${model.type}\n`),
    )
    .join("");
  await writeFile(
    join(dir, `${id}.yaml`),
    `id: ${id}\ndisplayName: ${id}\ntier: standard\ncontacts:\n  - name: Ops\n    email: ops@${id}.example\n    role: owner\n` +
      `models:\n  allowlist:\n${allowlist}  defaultModel: m0\n`,
  );
}

describe("silo models check", () => {
  it("exits 0 with every model ready, one row per model and Region", async () => {
    // Prepare
    answerWith();

    // Act
    const result = await runSilo("models", "check", "--tenants-dir", exampleTenants, "--region", "us-east-1");

    // Assess
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("Bedrock model access, called from us-east-1 (--region)");
    expect(lines[2]).toMatch(
      /^MODEL +REGION +USE +TENANTS +AUTHORIZATION +ENTITLEMENT +IN REGION +AGREEMENT +VERDICT$/,
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^amazon\.nova-lite-v1:0 +us-east-1 +on demand +acme-health +AUTHORIZED +AVAILABLE +AVAILABLE +AVAILABLE +ready$/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^anthropic\.claude-sonnet-4-20250514-v1:0 +us-west-1 +routed +acme-health .* ready$/,
      ),
    );
    expect(lines.at(-2)).toBe(
      "11 model/Region pair(s): 11 ready, 0 not ready, 0 warning(s): ready for pulumi up",
    );
  });

  it("asks for a profile id's foundation model, in the calling Region and every Region it routes to", async () => {
    const { calls } = answerWith();

    await runSilo("models", "check", "--tenants-dir", exampleTenants, "--region", "us-east-1");

    expect(
      calls
        .filter((call) => call.modelId === sonnet4)
        .map((call) => call.region)
        .sort(),
    ).toEqual(["us-east-1", "us-east-2", "us-west-1", "us-west-2"]);
    expect(calls.every((call) => !/^(us|eu|apac|global)\./.test(call.modelId))).toBe(true);
    expect(new Set(calls.map((call) => call.modelId))).toEqual(
      new Set([
        "amazon.nova-lite-v1:0",
        "amazon.nova-micro-v1:0",
        "amazon.titan-embed-text-v2:0",
        "anthropic.claude-3-5-haiku-20241022-v1:0",
        sonnet4,
        "cohere.embed-english-v3",
      ]),
    );
  });

  it("exits 1 with the use-case form and the agreement as fixes when Anthropic's form was not submitted", async () => {
    answerWith({ [sonnet4]: useCaseMissing });

    const result = await runSilo("models", "check", "--tenants-dir", exampleTenants, "--region", "us-east-1");

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      "Not ready:\n" +
        `  ${sonnet4} in us-east-1, us-east-2, us-west-1, us-west-2 (acme-health; as us.anthropic.claude-sonnet-4-20250514-v1:0)\n` +
        "    - authorizationStatus is NOT_AUTHORIZED: the account has not submitted Anthropic's use-case form\n" +
        "      fix: submit it once for the account (or once from the AWS Organization's management account)",
    );
    expect(result.stdout).toContain(
      "`aws bedrock put-use-case-for-model-access --form-data fileb://use-case.json`",
    );
    expect(result.stdout).toContain(
      `    - agreementAvailability.status is NOT_AVAILABLE: the account has not accepted the model's offer\n` +
        `      fix: an administrator allowed aws-marketplace:Subscribe accepts it: \`aws bedrock list-foundation-model-agreement-offers --model-id ${sonnet4} --region us-east-1\``,
    );
    expect(result.stdout).toMatch(/4 not ready, 0 warning\(s\): fix the above before pulumi up/);
  });

  it("exits 1 naming the Regions that offer a model Bedrock does not offer in the calling Region", async () => {
    await writeTenant("acme", [{ modelId: "cohere.embed-english-v3", type: "embedding" }]);
    answerWith({ "cohere.embed-english-v3": notInRegion });

    const result = await runSilo("models", "check", "--tenants-dir", dir, "--region", "us-east-1");

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      "  cohere.embed-english-v3 in us-east-1 (acme; as cohere.embed-english-v3)\n" +
        "    - regionAvailability is NOT_AVAILABLE: the model is not offered on demand in us-east-1\n" +
        "      fix: it is offered on demand in ap-northeast-1, ap-south-1, ap-southeast-1, ap-southeast-2, " +
        "ca-central-1, eu-central-1, eu-west-1, eu-west-2, eu-west-3, sa-east-1, us-east-1, us-west-2 and through " +
        "no profile callable from us-east-1: deploy in another Region or choose another model\n",
    );
  });

  it("exits 1 on a model id the catalogue refuses in the Region, with the profile to use", async () => {
    await writeTenant("acme", [{ modelId: "amazon.nova-micro-v1:0" }]);
    answerWith();

    const result = await runSilo("models", "check", "--tenants-dir", dir, "--region", "eu-west-1");

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      "  acme: amazon.nova-lite-v1:0 has no on-demand throughput in eu-west-1; set modelId to " +
        "eu.amazon.nova-lite-v1:0 (a cross-Region inference profile)\n",
    );
  });

  it("reports a failed Marketplace agreement with Bedrock's message and the subscription fix", async () => {
    await writeTenant("acme", [{ modelId: "cohere.embed-english-v3", type: "embedding" }]);
    answerWith({ "cohere.embed-english-v3": agreementError });

    const result = await runSilo("models", "check", "--tenants-dir", dir, "--region", "us-east-1");

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      "    - entitlementAvailability is NOT_AVAILABLE: the account has no AWS Marketplace subscription to the model yet\n",
    );
    expect(result.stdout).toContain(
      `    - agreementAvailability.status is ERROR (${agreementError.agreementAvailability.errorMessage})\n`,
    );
  });

  it("exits 0 but warns when a Region a profile routes to does not know the model", async () => {
    bedrock.on(GetFoundationModelAvailabilityCommand).callsFake(async (input, getClient) => {
      const region = await getClient().config.region();
      if (region === "us-west-1") {
        throw Object.assign(new Error("The provided model identifier is invalid."), {
          name: "ResourceNotFoundException",
        });
      }
      return { ...readyFixture, modelId: input.modelId };
    });

    const result = await runSilo("models", "check", "--tenants-dir", exampleTenants, "--region", "us-east-1");

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(
      `Warnings:\n  ${sonnet4} in us-west-1 (acme-health; as us.anthropic.claude-sonnet-4-20250514-v1:0)\n` +
        "    - Bedrock does not know the model in us-west-1 (ResourceNotFoundException: The provided model identifier is invalid.), " +
        "though the model catalogue routes us.anthropic.claude-sonnet-4-20250514-v1:0 there\n",
    );
    expect(result.stdout).toMatch(/10 ready, 0 not ready, 1 warning\(s\): ready for pulumi up\n$/);
  });

  it("prints machine output with --json", async () => {
    answerWith({ [sonnet4]: useCaseMissing });

    const result = await runSilo(
      "models",
      "check",
      "--tenants-dir",
      exampleTenants,
      "--region",
      "us-east-1",
      "--json",
    );

    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      ready: false,
      region: "us-east-1",
      regionSource: "--region",
      placementProblems: [],
    });
    expect(report.models).toHaveLength(11);
    expect(report.models[0]).toEqual({
      modelId: "amazon.nova-lite-v1:0",
      region: "us-east-1",
      calling: true,
      onDemand: true,
      type: "chat",
      tenants: ["acme-health"],
      modelIds: ["amazon.nova-lite-v1:0"],
      found: true,
      authorizationStatus: "AUTHORIZED",
      entitlementAvailability: "AVAILABLE",
      regionAvailability: "AVAILABLE",
      agreementStatus: "AVAILABLE",
      verdict: "ready",
      problems: [],
    });
    const sonnetHere = report.models.find(
      (model: { modelId: string; region: string }) =>
        model.modelId === sonnet4 && model.region === "us-east-1",
    );
    expect(sonnetHere).toMatchObject({
      calling: true,
      onDemand: false,
      authorizationStatus: "NOT_AUTHORIZED",
      agreementStatus: "NOT_AVAILABLE",
      verdict: "not-ready",
      problems: [
        { kind: "use-case-form", blocking: true },
        { kind: "agreement", blocking: true },
      ],
    });
  });

  it("exits 1 naming the permission when AWS denies GetFoundationModelAvailability", async () => {
    bedrock
      .on(GetFoundationModelAvailabilityCommand)
      .rejects(
        new AccessDeniedException({ message: accessDenied.message, $metadata: { httpStatusCode: 403 } }),
      );

    const result = await runSilo("models", "check", "--tenants-dir", exampleTenants, "--region", "us-east-1");

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      /^error \[MODELS_CHECK_ACCESS_DENIED\]: AWS refused GetFoundationModelAvailability for \S+ in us-east-1 \(AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role\/PlatformDeployer\/alice is not authorized/,
    );
    expect(result.stderr).toContain(
      'allow bedrock:GetFoundationModelAvailability on "Resource": "*" to the identity running the check',
    );
  });

  it("exits 1 saying how to sign in when there are no AWS credentials", async () => {
    bedrock.on(GetFoundationModelAvailabilityCommand).rejects(
      Object.assign(new Error("Could not load credentials from any providers"), {
        name: "CredentialsProviderError",
      }),
    );

    const result = await runSilo("models", "check", "--tenants-dir", exampleTenants, "--region", "us-east-1");

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(
      /^error \[MODELS_CHECK_NO_CREDENTIALS\]: no AWS credentials were found for /,
    );
    expect(result.stderr).toContain("aws sso login --profile NAME");
  });

  it("exits 2 on a Region name that is not one", async () => {
    const result = await runSilo("models", "check", "--region", "virginia");

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('"virginia" is not an AWS Region name; write it as e.g. us-east-1');
  });

  it("exits 2 when no Region is given or found, asking Bedrock nothing", async () => {
    vi.stubEnv("AWS_REGION", "");
    vi.stubEnv("AWS_DEFAULT_REGION", "");
    const { calls } = answerWith();

    const result = await runSilo(
      "models",
      "check",
      "--tenants-dir",
      exampleTenants,
      "--environment",
      "nowhere",
    );

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      "error [MODELS_CHECK_REGION_MISSING]: no Region to check from: neither --region, nor aws:region in " +
        "Pulumi.nowhere.shared.yaml, nor $AWS_REGION or $AWS_DEFAULT_REGION is set; pass the shared stack's Region, " +
        "e.g. --region us-east-1\n",
    );
    expect(calls).toEqual([]);
  });
});
