import { describe, expect, it } from "vitest";
import { checkPrerequisites, type PrerequisiteProbes } from "../../../runtime/fleet/checkPrerequisites.ts";

function probes(
  overrides: Partial<PrerequisiteProbes> & { files?: Record<string, string> } = {},
): PrerequisiteProbes {
  const files = overrides.files ?? {};
  return {
    env: {},
    homeDir: "/home/ops",
    pulumiVersion: async () => "v3.200.0",
    readText: async (file) => files[file],
    ...overrides,
  };
}

describe("checkPrerequisites", () => {
  it("passes with the CLI, a pulumi login and an AWS profile, and returns the version", async () => {
    const version = await checkPrerequisites(
      probes({
        env: { AWS_PROFILE: "prod" },
        files: {
          "/home/ops/.pulumi/credentials.json": '{"current":"https://api.pulumi.com"}',
          "/home/ops/.aws/config": "[profile prod]\nregion = eu-west-1\n",
        },
      }),
    );

    expect(version).toBe("v3.200.0");
  });

  it("accepts a token, keys in the environment or a vouched-for instance role", async () => {
    await expect(
      checkPrerequisites(
        probes({ env: { PULUMI_ACCESS_TOKEN: "pul-x", AWS_ACCESS_KEY_ID: "A", AWS_SECRET_ACCESS_KEY: "s" } }),
      ),
    ).resolves.toBe("v3.200.0");
    await expect(
      checkPrerequisites(
        probes({ env: { PULUMI_BACKEND_URL: "s3://state", SILO_AWS_CREDENTIALS: "instance-role" } }),
      ),
    ).resolves.toBe("v3.200.0");
  });

  it("names every missing piece and its fix at once", async () => {
    const act = checkPrerequisites(
      probes({
        pulumiVersion: async () => undefined,
        env: { AWS_PROFILE: "prod" },
        files: {
          "/home/ops/.pulumi/credentials.json": '{"current":""}',
          "/home/ops/.aws/credentials": "[default]\naws_access_key_id = A\n",
        },
      }),
    );

    await expect(act).rejects.toMatchObject({
      code: "PREREQUISITES_MISSING",
      message: [
        "cannot run Pulumi here:",
        "- the Pulumi CLI is not on PATH; install it (https://www.pulumi.com/docs/iac/download-install/, e.g. curl -fsSL https://get.pulumi.com | sh) and open a new shell",
        "- no Pulumi state backend: run pulumi login (Pulumi Cloud, s3://<bucket>, file://<dir>), or set PULUMI_ACCESS_TOKEN or PULUMI_BACKEND_URL",
        "- no AWS credentials: set AWS_PROFILE (after aws configure or aws sso login), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; on an EC2 instance role set SILO_AWS_CREDENTIALS=instance-role",
      ].join("\n"),
    });
  });

  it("reads the login from PULUMI_HOME when it is set", async () => {
    const act = checkPrerequisites(
      probes({
        env: { PULUMI_HOME: "/opt/pulumi", AWS_ACCESS_KEY_ID: "A", AWS_SECRET_ACCESS_KEY: "s" },
        files: { "/opt/pulumi/credentials.json": '{"current":"file:///state"}' },
      }),
    );

    await expect(act).resolves.toBe("v3.200.0");
  });
});
