import { beforeAll, describe, expect, it } from "vitest";
import { authorizerEnvironment } from "../../components/edge/authorizerEnvironment.ts";
import type { LambdaCode } from "../../components/functions/lambdaCode.ts";
import { secretLikeValues } from "../../policies/rules/lambda/secretLikeValues.ts";
import type { LambdaBundleSpec } from "../../runtime/build/lambdaBundles.ts";
import { mockAccountId, mockRegion } from "../../runtime/plan/mockOutputs.ts";
import { type RecordedResource, resolved, startPulumiRecording } from "../../runtime/plan/pulumiRecording.ts";
import { parseSharedOutputs } from "../../stacks/readSharedOutputs.ts";
import type { StackDeps } from "../../stacks/stackDeps.ts";
import { rolePolicies, wildcardGrants } from "../support/pulumi/iamPolicies.ts";
import { sharedOutputsFixture } from "../support/pulumi/sharedOutputsFixture.ts";

const sharedConfig = {
  "aws:region": mockRegion,
  "silo:jwtIssuer": "https://idp.example.com/",
  "silo:jwtAudience": "silo-api",
  "silo:jwksUrl": "https://idp.example.com/.well-known/jwks.json",
  "silo:domainName": "api.silo.example.com",
  "silo:certificateArn": `arn:aws:acm:${mockRegion}:123456789012:certificate/0000-1111`,
  "silo:lambdaCode": "prebuilt",
};

// The program runs once per stack in this one process; `stackName` and `config` are overridden per run.
const started = await startPulumiRecording({
  stack: "shared",
  config: sharedConfig,
  stackOutputs: { "organization/silo-kit/shared": sharedOutputsFixture },
});
const { recording } = started;
const requested: Array<{ names: string[]; mode: string }> = [];
const fakeCode: StackDeps["prepareLambdaCode"] = async <Name extends string>(
  specs: Readonly<Record<Name, LambdaBundleSpec>>,
  options: { mode: string },
) => {
  requested.push({
    names: Object.values<LambdaBundleSpec>(specs).map((spec) => spec.name),
    mode: options.mode,
  });
  const code = (name: string): LambdaCode => ({
    file: `/build/${name}/index.mjs`,
    sha256: name.padEnd(64, "0"),
  });
  return Object.fromEntries(Object.entries(specs).map(([key]) => [key, code(key)])) as Record<
    Name,
    LambdaCode
  >;
};
let runStack: (overrides?: Partial<StackDeps>) => Promise<Record<string, unknown>>;
let shared: RecordedResource[];
let tenant: RecordedResource[];
let sharedOutputs: Record<string, unknown>;
let tenantOutputs: Record<string, unknown>;

beforeAll(async () => {
  ({ default: runStack } = await import("../../stacks/index.ts"));
  sharedOutputs = await resolved(await runStack({ prepareLambdaCode: fakeCode }));
  await started.settle();
  shared = [...recording.resources];
  tenantOutputs = await resolved(
    await runStack({
      stackName: "tenant-globex",
      config: { "aws:region": mockRegion },
      prepareLambdaCode: fakeCode,
    }),
  );
  await started.settle();
  tenant = recording.resources.slice(shared.length);
}, 60_000);

function ofType(resources: readonly RecordedResource[], type: string): RecordedResource[] {
  return resources.filter((resource) => resource.type === type);
}
function named(resources: readonly RecordedResource[], type: string, physicalName: string): RecordedResource {
  const found = resources.find((resource) => resource.type === type && resource.inputs.name === physicalName);
  if (found === undefined) throw new Error(`no ${type} with name ${physicalName}`);
  return found;
}

describe("the shared stack", () => {
  it("exports every output the tenant stacks read, and the custom domain's DNS target", () => {
    // Act
    const contract = parseSharedOutputs(sharedOutputs, "shared");

    // Assess
    expect(contract).toMatchObject({
      region: mockRegion,
      vpcCidrBlock: "10.0.0.0/16",
      dedicatedCidrPool: "10.16.0.0/12",
      availabilityZones: ["us-east-1a", "us-east-1b"],
      internetEgress: false,
      authorizerFunctionName: "silo-edge-authorizer",
      authorizerCacheTtlSeconds: 60,
      ledgerDatabaseName: "silo_ledger",
      ledgerAdminFunctionName: "silo-ledger-admin",
      ledgerAdminCodeSha256: "ledgerAdmin".padEnd(64, "0"),
      domainName: "api.silo.example.com",
    });
    expect(sharedOutputs.domainTargetName).toMatch(/execute-api/);
    expect(requested[0]).toEqual({ names: ["authorizer", "ledger-admin"], mode: "prebuilt" });
  });

  it("lets API Gateway invoke the authorizer through one account-wide permission, whatever the tenants", () => {
    // Act
    const permissions = ofType(shared, "aws:lambda/permission:Permission").filter(
      (permission) => permission.inputs.function === sharedOutputs.authorizerFunctionName,
    );

    // Assess
    expect(permissions.map((permission) => permission.inputs)).toEqual([
      expect.objectContaining({
        action: "lambda:InvokeFunction",
        principal: "apigateway.amazonaws.com",
        sourceArn: `arn:aws:execute-api:${mockRegion}:${mockAccountId}:*/authorizers/*`,
        sourceAccount: mockAccountId,
      }),
    ]);
  });

  it("builds an awsx VPC of isolated private subnets with interface endpoints, so no NAT is needed", () => {
    // Act
    const vpcs = ofType(shared, "awsx:ec2:Vpc");
    const endpoints = ofType(shared, "aws:ec2/vpcEndpoint:VpcEndpoint");

    // Assess
    expect(shared.filter((resource) => resource.type.startsWith("awsx:"))).toHaveLength(1);
    expect(vpcs[0]?.inputs).toMatchObject({
      cidrBlock: "10.0.0.0/16",
      availabilityZoneNames: ["us-east-1a", "us-east-1b"],
      subnetSpecs: [{ type: "Isolated", name: "private" }],
      natGateways: { strategy: "None" },
    });
    expect(endpoints.map((endpoint) => endpoint.inputs.serviceName).sort()).toEqual(
      ["bedrock-runtime", "secretsmanager"].map((service) => `com.amazonaws.${mockRegion}.${service}`),
    );
    for (const endpoint of endpoints) expect(endpoint.inputs.privateDnsEnabled).toBe(true);
    expect(
      endpoints.map(
        (endpoint) => JSON.parse(String(endpoint.inputs.policy)).Statement[0].Condition.StringEquals,
      ),
    ).toContainEqual({ "aws:PrincipalAccount": mockAccountId, "aws:ResourceAccount": mockAccountId });
  });

  it("deploys the edge authorizer outside the VPC, configured from the stack config, with a logs-only role", () => {
    // Act
    const authorizer = named(shared, "aws:lambda/function:Function", "silo-edge-authorizer");
    const logGroup = named(shared, "aws:cloudwatch/logGroup:LogGroup", "/aws/lambda/silo-edge-authorizer");
    const policy = rolePolicies(recording, shared).find(
      (candidate) => candidate.roleName === "silo-edge-authorizer",
    );

    // Assess
    expect(authorizer.inputs).toMatchObject({ runtime: "nodejs22.x", handler: "index.handler" });
    expect(authorizer.inputs.vpcConfig).toBeUndefined();
    expect((authorizer.inputs.environment as { variables: unknown }).variables).toEqual(
      authorizerEnvironment({
        "silo:jwtIssuer": sharedConfig["silo:jwtIssuer"],
        "silo:jwtAudience": sharedConfig["silo:jwtAudience"],
        "silo:jwksUrl": sharedConfig["silo:jwksUrl"],
      }),
    );
    expect(policy?.document.Statement.flatMap((statement) => statement.Action)).toEqual([
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]);
    expect(logGroup.inputs).toMatchObject({ retentionInDays: 365, kmsKeyId: sharedOutputs.platformKeyArn });
  });

  it("puts the usage ledger in a private, encrypted, TLS-only Postgres whose master password RDS keeps", () => {
    // Act
    const instance = ofType(shared, "aws:rds/instance:Instance")[0];
    const parameters = ofType(shared, "aws:rds/parameterGroup:ParameterGroup")[0];
    const ledgerIngress = ofType(shared, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter(
      (rule) => rule.inputs.fromPort === 5432,
    );

    // Assess
    expect(instance?.inputs).toMatchObject({
      identifier: "silo-usage-ledger",
      publiclyAccessible: false,
      storageEncrypted: true,
      kmsKeyId: sharedOutputs.platformKeyArn,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: sharedOutputs.platformKeyArn,
      iamDatabaseAuthenticationEnabled: true,
      deletionProtection: true,
      skipFinalSnapshot: false,
    });
    expect(parameters?.inputs.parameters).toContainEqual(
      expect.objectContaining({ name: "rds.force_ssl", value: "1" }),
    );
    expect(instance?.inputs.finalSnapshotIdentifier).toMatch(/^silo-usage-ledger-final-[0-9a-f]{8}$/);
    // The ledger admin, the one "ledger clients" group tenant Lambdas on the shared network join, and the
    // dedicated pool: a constant number of rules whatever the number of tenants.
    expect(
      ledgerIngress.map((rule) => rule.inputs.cidrIpv4 ?? rule.inputs.referencedSecurityGroupId).sort(),
    ).toEqual(["10.16.0.0/12", "silo-shared-ledger-admin-sg-id", "silo-shared-ledger-clients-sg-id"]);
  });

  it("runs the ledger admin in the VPC with the ledger's location and master secret id, and no wildcard grant", () => {
    // Act
    const ledgerAdmin = named(shared, "aws:lambda/function:Function", "silo-ledger-admin");
    const variables = (ledgerAdmin.inputs.environment as { variables: Record<string, string> }).variables;
    const policies = rolePolicies(recording, shared);

    // Assess
    expect(variables).toMatchObject({
      SILO_LEDGER_DB_NAME: "silo_ledger",
      SILO_LEDGER_DB_SSL: "require",
      SILO_LEDGER_DB_SECRET_ID: expect.stringMatching(/^arn:aws:secretsmanager:.*rds!db-silo-usage-ledger/),
    });
    expect(secretLikeValues(variables)).toEqual([]);
    expect(ledgerAdmin.inputs.vpcConfig).toMatchObject({ subnetIds: sharedOutputs.privateSubnetIds });
    for (const { roleName, document } of policies) expect(wildcardGrants(document), roleName).toEqual([]);
  });

  it("sweeps the usage ledger on a schedule that invokes the ledger-admin function, and only it", () => {
    // Act
    const ledgerAdmin = named(shared, "aws:lambda/function:Function", "silo-ledger-admin");
    const schedule = named(shared, "aws:scheduler/schedule:Schedule", "silo-ledger-sweep");
    const policy = rolePolicies(recording, shared).find(
      (candidate) => candidate.roleName === "silo-ledger-sweep",
    );
    const invokers = rolePolicies(recording, shared).filter(({ document }) =>
      document.Statement.some((statement) => statement.Action.includes("lambda:InvokeFunction")),
    );

    // Assess
    expect(schedule.inputs).toMatchObject({
      scheduleExpression: "rate(5 minutes)",
      target: { arn: ledgerAdmin.state.arn, input: JSON.stringify({ action: "sweep" }) },
    });
    expect(policy?.document.Statement).toEqual([
      expect.objectContaining({ Action: ["lambda:InvokeFunction"], Resource: [ledgerAdmin.state.arn] }),
    ]);
    expect(invokers.map((invoker) => invoker.roleName)).toEqual(["silo-ledger-sweep"]);
  });

  it("serves the tenant APIs on a regional TLS 1.2 custom domain", () => {
    // Act
    const domain = ofType(shared, "aws:apigatewayv2/domainName:DomainName")[0];

    // Assess
    expect(domain?.inputs).toMatchObject({
      domainName: "api.silo.example.com",
      domainNameConfiguration: {
        certificateArn: sharedConfig["silo:certificateArn"],
        endpointType: "REGIONAL",
        securityPolicy: "TLS_1_2",
      },
    });
  });

  it("tags everything, the awsx VPC included, through one provider's default tags", () => {
    // Act
    const provider = ofType(shared, "pulumi:providers:aws")[0] as RecordedResource;
    const providerRef = `${provider.urn}::${provider.urn.split("::").at(-1)}-id`;

    // Assess
    expect(JSON.parse(String(provider.inputs.defaultTags)).tags).toEqual({
      "silo:tenant": "shared",
      "silo:kit": "silo-kit",
      "silo:data-classification": "confidential",
    });
    expect(
      shared.filter(
        (resource) =>
          resource.custom && resource.type.startsWith("aws:") && resource.provider !== providerRef,
      ),
    ).toEqual([]);
    expect(ofType(shared, "awsx:ec2:Vpc")[0]?.providers.aws).toBe(providerRef);
  });
});

describe("a tenant stack", () => {
  it("reads the shared stack through a StackReference and builds the tenant's silo behind its domain", () => {
    // Act
    const reference = ofType(tenant, "pulumi:pulumi:StackReference")[0];

    // Assess
    expect(reference?.inputs.name).toBe("organization/silo-kit/shared");
    expect(ofType(tenant, "silo:tenant:TenantSilo").map((silo) => silo.name)).toEqual(["globex"]);
    expect(tenantOutputs).toMatchObject({
      tenantId: "globex",
      url: "https://api.silo.example.com/globex",
      keyAlias: "alias/silo/globex",
      functionNames: { chat: "silo-globex-chat", migrate: "silo-globex-migrate" },
    });
    expect(requested[1]).toEqual({ names: ["chat", "data", "admin", "migrate"], mode: "build" });
  });

  it("fails for a stack without a tenant file, naming the known tenants", async () => {
    // Act
    const run = runStack({
      stackName: "tenant-hooli",
      config: { "aws:region": mockRegion },
      prepareLambdaCode: fakeCode,
    });

    // Assess
    await expect(run).rejects.toMatchObject({ code: "TENANT_NOT_FOUND" });
    await expect(run).rejects.toThrow(/no tenant "hooli" in .*; known tenants: acme-health, globex, initech/);
  });

  it("fails for a stack name that is neither shared nor a tenant's", async () => {
    // Assess
    await expect(runStack({ stackName: "staging" })).rejects.toMatchObject({ code: "STACK_NAME_INVALID" });
  });

  it("fails up front when the shared stack is in another Region or has not been deployed", async () => {
    // Act
    const run = (config: Record<string, string>) =>
      runStack({ stackName: "tenant-globex", config, prepareLambdaCode: fakeCode });

    // Assess
    await expect(run({ "aws:region": "eu-west-1" })).rejects.toThrow(
      /aws:region is eu-west-1, but the shared stack organization\/silo-kit\/shared is in us-east-1.*pulumi config set aws:region us-east-1 --stack tenant-globex/,
    );
    await expect(
      run({ "aws:region": mockRegion, "silo:sharedStack": "organization/silo-kit/shared-eu" }),
    ).rejects.toMatchObject({ code: "SHARED_STACK_OUTPUTS_INVALID" });
  });

  it("fails with every missing shared config key at once", async () => {
    // Act
    const run = runStack({ config: {}, prepareLambdaCode: fakeCode });

    // Assess
    await expect(run).rejects.toMatchObject({ code: "STACK_CONFIG_INVALID" });
    await expect(run).rejects.toThrow(/aws:region is not set[\s\S]*silo:jwksUrl is not set/);
  });
});
