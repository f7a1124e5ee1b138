import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { readSharedStackConfig, readTenantStackConfig } from "../../stacks/readStackConfig.ts";
import { stackConfigKeys } from "../../stacks/stackConfigKeys.ts";

const sharedConfig = {
  "aws:region": "eu-west-1",
  "silo:jwtIssuer": "https://idp.example.com/",
  "silo:jwtAudience": "silo-api, silo-admin",
  "silo:jwksUrl": "https://idp.example.com/.well-known/jwks.json",
};

function problemsOf(read: () => unknown): string[] {
  try {
    read();
  } catch (error) {
    expect((error as { code?: string }).code).toBe("STACK_CONFIG_INVALID");
    return (error as Error).message.split("\n").filter((line) => line.startsWith("- "));
  }
  throw new Error("expected the config to be refused");
}

describe("readSharedStackConfig", () => {
  it("reads the required keys and applies the documented defaults", () => {
    // Act
    const config = readSharedStackConfig(sharedConfig, "shared");

    // Assess
    expect(config).toMatchObject({
      region: "eu-west-1",
      environment: "production",
      lambdaCode: "build",
      authorizer: {
        "silo:jwtIssuer": "https://idp.example.com/",
        "silo:jwtAudience": "silo-api, silo-admin",
        "silo:jwksUrl": "https://idp.example.com/.well-known/jwks.json",
      },
      authorizerCacheTtlSeconds: 60,
      vpcCidr: "10.0.0.0/16",
      dedicatedCidrPool: "10.16.0.0/12",
      availabilityZoneCount: 2,
      natGateways: "none",
      logRetentionDays: 365,
      ledger: {
        instanceClass: "db.t4g.small",
        multiAz: false,
        backupRetentionDays: 35,
        deletionProtection: true,
        sweepIntervalMinutes: 5,
      },
    });
    expect(config.domain).toBeUndefined();
  });

  it("refuses a dedicated pool overlapping the shared VPC", () => {
    // Act
    const problems = problemsOf(() =>
      readSharedStackConfig({ ...sharedConfig, "silo:dedicatedCidrPool": "10.0.0.0/8" }, "shared"),
    );

    // Assess
    expect(problems).toEqual([
      '- silo:dedicatedCidrPool = "10.0.0.0/8" overlaps the shared VPC\'s 10.0.0.0/16 (silo:vpcCidr); choose a range beside it; fix: pulumi config set silo:dedicatedCidrPool 10.16.0.0/12 --stack shared',
    ]);
  });

  it("reads how often the ledger is swept", () => {
    // Act
    const config = readSharedStackConfig(
      { ...sharedConfig, "silo:ledgerSweepIntervalMinutes": "15" },
      "shared",
    );

    // Assess
    expect(config.ledger.sweepIntervalMinutes).toBe(15);
  });

  it("names every missing key with what it is and the command that sets it", () => {
    // Act
    const problems = problemsOf(() => readSharedStackConfig({}, "shared"));

    // Assess
    expect(problems).toEqual([
      "- aws:region is not set: AWS Region of the stack; tenant stacks must use the shared stack's Region; fix: pulumi config set aws:region us-east-1 --stack shared",
      "- silo:jwtIssuer is not set: the `iss` your identity provider puts in access tokens; `{tenantid}` in it for Entra multi-tenant apps (with silo:issuerDirectories) (required unless silo:oidcIssuer is set); fix: pulumi config set silo:jwtIssuer https://idp.example.com/ --stack shared",
      "- silo:jwksUrl is not set: the identity provider's JWKS endpoint (https) (required unless silo:oidcIssuer is set); fix: pulumi config set silo:jwksUrl https://idp.example.com/.well-known/jwks.json --stack shared",
      "- silo:jwtAudience is not set: accepted `aud` values, comma-separated (required unless silo:authorizedParties is set); fix: pulumi config set silo:jwtAudience silo-api --stack shared",
    ]);
  });

  it("names each invalid value, and typos of key names", () => {
    // Act
    const problems = problemsOf(() =>
      readSharedStackConfig(
        {
          ...sharedConfig,
          "silo:jwksUrl": "http://idp.example.com/jwks",
          "silo:authorizerCacheTtlSeconds": "7200",
          "silo:domainName": "api.example.com",
          "silo:natGateways": "two",
          "silo:ledgerSweepIntervalMinutes": "0",
          "silo:jwtIsuer": "https://idp.example.com/",
          "silo:sharedStack": "org/silo-kit/shared",
        },
        "shared",
      ),
    );

    // Assess
    expect(problems).toEqual([
      "- silo:jwtIsuer is not a silo-kit config key (did you mean silo:jwtIssuer?); fix: pulumi config rm silo:jwtIsuer --stack shared",
      "- silo:sharedStack is read only by tenant stacks, not shared stacks; fix: pulumi config rm silo:sharedStack --stack shared",
      '- silo:domainName = "api.example.com" is set without its partner: silo:domainName and silo:certificateArn go together; fix: pulumi config set silo:domainName api.example.com --stack shared',
      '- silo:jwksUrl = "http://idp.example.com/jwks" must be an https URL; fix: pulumi config set silo:jwksUrl https://idp.example.com/.well-known/jwks.json --stack shared',
      '- silo:authorizerCacheTtlSeconds = "7200" must be a whole number from 0 to 300; fix: pulumi config set silo:authorizerCacheTtlSeconds 60 --stack shared',
      '- silo:natGateways = "two" must be one of none, single, onePerAz; fix: pulumi config set silo:natGateways single --stack shared',
      '- silo:ledgerSweepIntervalMinutes = "0" must be a whole number from 1 to 60; fix: pulumi config set silo:ledgerSweepIntervalMinutes 10 --stack shared',
    ]);
  });

  it("reads an identity profile with discovery, and names what the profile still needs", () => {
    // Prepare
    const clerk = {
      "aws:region": "eu-west-1",
      "silo:identityProfile": "clerk",
      "silo:oidcIssuer": "https://clerk.acme.example",
    };

    // Act
    const config = readSharedStackConfig(
      { ...clerk, "silo:authorizedParties": "https://app.acme.example" },
      "shared",
    );
    const problems = problemsOf(() => readSharedStackConfig(clerk, "shared"));

    // Assess
    expect(config.authorizer).toEqual({
      "silo:identityProfile": "clerk",
      "silo:oidcIssuer": "https://clerk.acme.example",
      "silo:authorizedParties": "https://app.acme.example",
    });
    expect(problems).toEqual([
      "- silo:authorizedParties is required with the clerk profile (its tokens carry no audience for your API): list the azp values of your client applications; fix: pulumi config set silo:authorizedParties 6n1c3nq0t8h2l0m4k2p1r5s7u9 --stack shared",
    ]);
  });

  it("takes a custom domain with a certificate of the stack's Region only", () => {
    // Prepare
    const domain = { ...sharedConfig, "silo:domainName": "api.example.com" };

    // Act
    const config = readSharedStackConfig(
      { ...domain, "silo:certificateArn": "arn:aws:acm:eu-west-1:123456789012:certificate/abc-123" },
      "shared",
    );
    const problems = problemsOf(() =>
      readSharedStackConfig(
        { ...domain, "silo:certificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/abc-123" },
        "shared",
      ),
    );

    // Assess
    expect(config.domain).toEqual({
      domainName: "api.example.com",
      certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc-123",
    });
    expect(problems[0]).toMatch(/silo:certificateArn = .* is not an ACM certificate ARN in eu-west-1/);
  });
});

describe("readTenantStackConfig", () => {
  it("defaults the shared stack to the same organization and project, and checks a dedicated range", () => {
    // Act
    const config = readTenantStackConfig(
      { "aws:region": "us-east-1" },
      "tenant-acme",
      "acme-org/silo-kit/shared",
    );
    const problems = problemsOf(() =>
      readTenantStackConfig(
        { "aws:region": "us-east-1", "silo:vpcCidr": "10.20.0.0/8", "silo:jwtIssuer": "x" },
        "tenant-acme",
        "acme-org/silo-kit/shared",
      ),
    );

    // Assess
    expect(config).toEqual({
      region: "us-east-1",
      environment: "production",
      lambdaCode: "build",
      sharedStack: "acme-org/silo-kit/shared",
      accountConcurrencyLimit: 1000,
    });
    expect(problems).toEqual([
      "- silo:jwtIssuer is read only by shared stacks, not tenant stacks; fix: pulumi config rm silo:jwtIssuer --stack tenant-acme",
      '- silo:vpcCidr = "10.20.0.0/8" has host bits set; use its network address, 10.0.0.0/8; fix: pulumi config set silo:vpcCidr 10.20.0.0/16 --stack tenant-acme',
    ]);
  });

  it("takes the deployer's role ARN, with a path, and refuses anything else", () => {
    // Prepare
    const tenantConfig = (deployer: string) => ({
      "aws:region": "us-east-1",
      "silo:deployerRoleArn": deployer,
    });

    // Act
    const config = readTenantStackConfig(
      tenantConfig("arn:aws:iam::123456789012:role/platform/silo-deployer"),
      "tenant-acme",
      "acme-org/silo-kit/shared",
    );
    const problems = problemsOf(() =>
      readTenantStackConfig(
        tenantConfig("arn:aws:sts::123456789012:assumed-role/silo-deployer/ci"),
        "tenant-acme",
        "acme-org/silo-kit/shared",
      ),
    );

    // Assess
    expect(config.deployerRoleArn).toBe("arn:aws:iam::123456789012:role/platform/silo-deployer");
    expect(problems).toEqual([
      '- silo:deployerRoleArn = "arn:aws:sts::123456789012:assumed-role/silo-deployer/ci" is not an IAM role ARN; fix: pulumi config set silo:deployerRoleArn arn:aws:iam::123456789012:role/silo-deployer --stack tenant-acme',
    ]);
  });
});

describe("stackConfigKeys", () => {
  it("are all documented in docs/stacks.md", async () => {
    // Act
    const docs = await readFile(new URL("../../docs/stacks.md", import.meta.url), "utf8");

    // Assess
    expect(
      stackConfigKeys.filter((spec) => !docs.includes(`| \`${spec.key}\``)).map((spec) => spec.key),
    ).toEqual([]);
  });
});
