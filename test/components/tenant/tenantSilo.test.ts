import { beforeAll, describe, expect, it } from "vitest";
import { tenantResourceNames } from "../../../components/common/resourceNames.ts";
import { webAclRules } from "../../../components/edge/webAclRules.ts";
import { bedrockModelSource } from "../../../components/models/bedrockModels.ts";
import {
  type InterfaceEndpointService,
  interfaceEndpointPolicy,
} from "../../../components/network/interfaceEndpoints.ts";
import { secretLikeValues } from "../../../policies/rules/lambda/secretLikeValues.ts";
import {
  type GatewayResponseType,
  gatewayResponses,
  gatewayResponseTemplate,
} from "../../../runtime/api/gatewayResponses.ts";
import { routes } from "../../../runtime/api/routes.ts";
import { loadTenantsOrThrow } from "../../../runtime/core/tenants/loadTenants.ts";
import { mockAccountId, mockRegion } from "../../../runtime/plan/mockOutputs.ts";
import type { PulumiRecording, RecordedResource } from "../../../runtime/plan/pulumiRecording.ts";
import type { TenantConfig } from "../../../tenants/schema.ts";
import { toRuntimeTenant } from "../../../tenants/toRuntimeTenant.ts";
import { resourcesGranted, rolePolicies, wildcardGrants } from "../../support/pulumi/iamPolicies.ts";
import { recordExampleSilos } from "../../support/pulumi/recordExampleSilos.ts";
import { sharedOutputsFixture } from "../../support/pulumi/sharedOutputsFixture.ts";

// Every example tenant is built in this one process, so isolation between tenants can be checked on what
// Pulumi would deploy (Pulumi's mocks keep process-global state: vitest runs each file in its own fork).
const tenants = await loadTenantsOrThrow();
const tenantIds = tenants.map((tenant) => tenant.id);
let recording: PulumiRecording;

beforeAll(async () => {
  recording = await recordExampleSilos(tenants);
}, 60_000);

/** Every resource of one tenant's silo. */
function silo(tenantId: string): RecordedResource[] {
  return recording.descendantsOf(recording.named("silo:tenant:TenantSilo", tenantId));
}
function ofType(tenantId: string, type: string): RecordedResource[] {
  return silo(tenantId).filter((resource) => resource.type === type);
}
function only(tenantId: string, type: string): RecordedResource {
  const found = ofType(tenantId, type);
  expect(found, `${tenantId}: one ${type}`).toHaveLength(1);
  return found[0] as RecordedResource;
}
function tenantOf(tenantId: string): TenantConfig {
  return tenants.find((tenant) => tenant.id === tenantId) as TenantConfig;
}
function keyArnOf(tenantId: string): string {
  return String(only(tenantId, "aws:kms/key:Key").state.arn);
}
function environmentOf(fn: RecordedResource): Record<string, string> {
  return (fn.inputs.environment as { variables: Record<string, string> }).variables;
}
/** Every string anywhere in a resource's inputs. */
function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(stringsIn);
  return [];
}

const mockAws = { accountId: mockAccountId, region: mockRegion, partition: "aws" };

describe("acme-health's Claude Sonnet 4, which has no on-demand throughput", () => {
  it("copies the US cross-Region profile, and its chat role may invoke the profile and the model in every US Region it routes to", () => {
    // Act
    const profile = ofType("acme-health", "aws:bedrock/inferenceProfile:InferenceProfile").find((candidate) =>
      String(candidate.inputs.name).endsWith("claude-sonnet"),
    );
    const chat = rolePolicies(recording, silo("acme-health")).find(
      (policy) => policy.roleName === "silo-acme-health-chat",
    );
    const granted = resourcesGranted(chat?.document ?? { Version: "2012-10-17", Statement: [] }, "bedrock");

    // Assess
    expect((profile?.inputs.modelSource as { copyFrom: string } | undefined)?.copyFrom).toBe(
      `arn:aws:bedrock:${mockRegion}:${mockAccountId}:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0`,
    );
    expect(granted).toEqual(
      expect.arrayContaining([
        `arn:aws:bedrock:${mockRegion}:${mockAccountId}:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0`,
        ...["us-east-1", "us-east-2", "us-west-2"].map(
          (region) => `arn:aws:bedrock:${region}::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0`,
        ),
      ]),
    );
    expect(granted.filter((arn) => arn.includes(":*:") || arn.includes("bedrock:*"))).toEqual([]);
  });
});

describe.each(tenantIds)("the silo of %s", (tenantId) => {
  it("is composed of one component per part", () => {
    // Act
    const components = silo(tenantId)
      .filter((resource) => resource.type.startsWith("silo:tenant:"))
      .map((resource) => resource.type.replace("silo:tenant:", ""));

    // Assess
    expect(components.sort()).toEqual(
      [
        "TenantApi",
        "TenantDatabase",
        "TenantKey",
        "TenantLedgerEnrollment",
        "TenantModels",
        "TenantNetwork",
        "TenantRoles",
        "TenantRoutes",
        "TenantRuntime",
        "TenantSecrets",
        "TenantStage",
        ...(tenantOf(tenantId).tier === "regulated" ? ["TenantWaf"] : []),
      ].sort(),
    );
  });

  it("has its own rotated KMS key whose policy names only its roles, the account, the deployer and scoped services", () => {
    // Act
    const key = only(tenantId, "aws:kms/key:Key");
    const alias = only(tenantId, "aws:kms/alias:Alias");
    const policy = JSON.parse(String(key.inputs.policy)) as {
      Statement: Array<{ Principal: { AWS?: string | string[]; Service?: string } }>;
    };
    const principals = policy.Statement.flatMap((statement) => [statement.Principal.AWS ?? []].flat());

    // Assess
    expect(key.inputs.enableKeyRotation).toBe(true);
    expect(alias.inputs.name).toBe(`alias/silo/${tenantId}`);
    const roleArns = ofType(tenantId, "aws:iam/role:Role").map((role) => String(role.state.arn));
    expect(new Set(principals)).toEqual(
      new Set([
        `arn:aws:iam::${mockAccountId}:root`,
        ...roleArns,
        sharedOutputsFixture.ledgerAdminRoleArn,
        // The caller identity under the mocks: the deployer when silo:deployerRoleArn is not set.
        `arn:aws:iam::${mockAccountId}:role/deployer`,
      ]),
    );
  });

  it("names its final snapshot with a suffix drawn once per stack, so re-onboarding cannot collide", () => {
    // Act
    const instance = only(tenantId, "aws:rds/instance:Instance");
    const suffix = only(tenantId, "random:index/randomId:RandomId");

    // Assess
    expect(suffix.inputs).toMatchObject({ byteLength: 4 });
    if (instance.inputs.skipFinalSnapshot === false) {
      expect(instance.inputs.finalSnapshotIdentifier).toBe(`silo-${tenantId}-final-${suffix.state.hex}`);
      expect(instance.inputs.finalSnapshotIdentifier).toMatch(/-final-[0-9a-f]{8}$/);
    }
  });

  it("has a private, encrypted Postgres with IAM auth, forced TLS, and protection from its tenant file", () => {
    // Prepare
    const tenant = tenantOf(tenantId);

    // Act
    const instance = only(tenantId, "aws:rds/instance:Instance");
    const parameters = only(tenantId, "aws:rds/parameterGroup:ParameterGroup");
    const databaseGroup = ofType(tenantId, "aws:ec2/securityGroup:SecurityGroup").find(
      (group) => group.inputs.name === tenantResourceNames(tenantId).databaseSecurityGroup,
    );
    const lambdaGroup = ofType(tenantId, "aws:ec2/securityGroup:SecurityGroup").find(
      (group) => group.inputs.name === tenantResourceNames(tenantId).lambdaSecurityGroup,
    );
    const ingress = ofType(tenantId, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter(
      (rule) => rule.inputs.securityGroupId === `${databaseGroup?.name}-id`,
    );

    // Assess
    expect(instance.inputs).toMatchObject({
      identifier: `silo-${tenantId}`,
      engine: "postgres",
      publiclyAccessible: false,
      storageEncrypted: true,
      kmsKeyId: keyArnOf(tenantId),
      iamDatabaseAuthenticationEnabled: true,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: keyArnOf(tenantId),
      instanceClass: tenant.database.instanceClass,
      backupRetentionPeriod: tenant.database.backupRetentionDays,
      multiAz: tenant.database.multiAz,
      deletionProtection: tenant.database.deletionProtection,
      skipFinalSnapshot: !tenant.database.deletionProtection,
      vpcSecurityGroupIds: [`${databaseGroup?.name}-id`],
    });
    expect(parameters.inputs.parameters).toContainEqual(
      expect.objectContaining({ name: "rds.force_ssl", value: "1" }),
    );
    expect(ingress.map((rule) => rule.inputs)).toEqual([
      expect.objectContaining({
        fromPort: 5432,
        toPort: 5432,
        referencedSecurityGroupId: `${lambdaGroup?.name}-id`,
      }),
    ]);
  });

  it("keeps its secrets under /silo/<tenant>/, encrypted with its key, BYOK keys without a value", () => {
    // Prepare
    const byok = tenantOf(tenantId).models.allowlist.filter(
      (model) => model.provider === "openai-compatible",
    );

    // Act
    const secrets = ofType(tenantId, "aws:secretsmanager/secret:Secret");
    const versions = ofType(tenantId, "aws:secretsmanager/secretVersion:SecretVersion");

    // Assess
    expect(secrets.map((secret) => secret.inputs.name).sort()).toEqual(
      [
        `/silo/${tenantId}/ledger-role`,
        ...byok.map((model) => `/silo/${tenantId}/providers/${model.key}`),
      ].sort(),
    );
    for (const secret of secrets) expect(secret.inputs.kmsKeyId).toBe(keyArnOf(tenantId));
    expect(versions).toHaveLength(1);
    expect(JSON.parse(String(versions[0]?.inputs.secretString))).toMatchObject({
      username: `silo_ledger_t_${tenantId.replaceAll("-", "_")}`,
    });
  });

  it("has one tagged application inference profile per Bedrock model, copied as the model catalogue says", () => {
    // Prepare
    const bedrock = tenantOf(tenantId).models.allowlist.filter((model) => model.provider === "bedrock");

    // Act
    const profiles = ofType(tenantId, "aws:bedrock/inferenceProfile:InferenceProfile");

    // Assess: wired to the catalogue's placement (acme-health's test below pins the values)
    expect(profiles.map((profile) => (profile.inputs.modelSource as { copyFrom: string }).copyFrom)).toEqual(
      bedrock.map((model) => bedrockModelSource(model, mockAws).copyFrom),
    );
    for (const profile of profiles) {
      expect(profile.inputs.tags).toMatchObject({ "silo:tenant": tenantId });
    }
  });

  it("adds no rule to the shared ledger's security group, on a shared or a dedicated network", () => {
    // Act
    const ledgerRules = ofType(tenantId, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter(
      (rule) => rule.inputs.securityGroupId === sharedOutputsFixture.ledgerSecurityGroupId,
    );

    // Assess
    expect(ledgerRules).toEqual([]);
  });

  it("runs a nodejs22.x Lambda per handler group and the migration, each with its own role, in its VPC", () => {
    // Prepare
    const tenant = tenantOf(tenantId);
    const lambdaGroup = ofType(tenantId, "aws:ec2/securityGroup:SecurityGroup").find(
      (group) => group.inputs.name === `silo-${tenantId}-lambda`,
    );

    // Act
    const functions = ofType(tenantId, "aws:lambda/function:Function");
    const logGroups = ofType(tenantId, "aws:cloudwatch/logGroup:LogGroup");

    // Assess
    expect(functions.map((fn) => fn.inputs.name).sort()).toEqual(
      ["admin", "chat", "data", "migrate"].map((fn) => `silo-${tenantId}-${fn}`),
    );
    expect(new Set(functions.map((fn) => fn.inputs.role)).size).toBe(4);
    for (const fn of functions) {
      expect(fn.inputs).toMatchObject({
        runtime: "nodejs22.x",
        kmsKeyArn: keyArnOf(tenantId),
        role: `arn:aws:iam::${mockAccountId}:role/${fn.inputs.name}`,
        // On the shared network the Lambdas also join the ledger clients group (no rule per tenant on the
        // ledger); a dedicated VPC's cannot, and the ledger admits the whole dedicated pool instead.
        vpcConfig: {
          securityGroupIds:
            tenant.network === "dedicated"
              ? [`${lambdaGroup?.name}-id`]
              : [`${lambdaGroup?.name}-id`, sharedOutputsFixture.ledgerClientsSecurityGroupId],
        },
      });
      // Regulated tenants reserve (5 by default); standard ones only when their file says so.
      const groups = tenant.limits.reservedConcurrency ?? (tenant.tier === "regulated" ? 5 : undefined);
      const reserved = fn.inputs.name === `silo-${tenantId}-migrate` ? groups && 1 : groups;
      expect(fn.inputs.reservedConcurrentExecutions).toBe(reserved);
    }
    for (const group of logGroups) {
      expect(group.inputs).toMatchObject({
        retentionInDays: tenant.logRetentionDays,
        kmsKeyId: keyArnOf(tenantId),
      });
    }
    const migration = ofType(tenantId, "aws:lambda/invocation:Invocation").find(
      (invocation) => invocation.inputs.functionName === `silo-${tenantId}-migrate`,
    );
    expect(migration).toBeDefined();
  });

  it("configures each handler from its tenant file without its contacts, with secret ids and never secret values", () => {
    // Prepare
    const passwords = recording
      .ofType("random:index/randomPassword:RandomPassword")
      .map((password) => String(password.state.result));

    // Act
    const functions = ofType(tenantId, "aws:lambda/function:Function");

    // Assess
    for (const fn of functions) {
      expect(secretLikeValues(environmentOf(fn), passwords), String(fn.inputs.name)).toEqual([]);
    }
    const chat = environmentOf(
      functions.find((fn) => fn.inputs.name === `silo-${tenantId}-chat`) as RecordedResource,
    );
    expect(JSON.parse(chat.SILO_TENANT_CONFIG ?? "")).toEqual(toRuntimeTenant(tenantOf(tenantId)));
    const contacts = tenantOf(tenantId).contacts.flatMap((contact) => [contact.name, contact.email]);
    for (const fn of functions) {
      const environment = JSON.stringify(environmentOf(fn));
      expect(
        contacts.filter((value) => environment.includes(value)),
        String(fn.inputs.name),
      ).toEqual([]);
    }
    expect(chat.SILO_TENANT_ID).toBe(tenantId);
    expect(chat.SILO_LEDGER_DB_HOST).toBe(sharedOutputsFixture.ledgerAddress);
    expect(Object.keys(JSON.parse(chat.SILO_MODEL_PROFILE_ARNS ?? ""))).toEqual(
      tenantOf(tenantId)
        .models.allowlist.filter((model) => model.provider === "bedrock")
        .map((model) => model.key),
    );
    const admin = environmentOf(
      functions.find((fn) => fn.inputs.name === `silo-${tenantId}-admin`) as RecordedResource,
    );
    expect(admin.SILO_EXPORT_DOWNLOAD_BASE_URL).toBe(
      `https://${sharedOutputsFixture.domainName}/${tenantId}/v1/exports`,
    );
  });

  it("grants no wildcard on Bedrock, Secrets Manager, KMS or RDS, and chat only its own profiles and models", () => {
    // Prepare
    const profileArns = ofType(tenantId, "aws:bedrock/inferenceProfile:InferenceProfile").map((profile) =>
      String(profile.state.arn),
    );
    const modelArns = tenantOf(tenantId)
      .models.allowlist.filter((model) => model.provider === "bedrock")
      .flatMap((model) => bedrockModelSource(model, mockAws).foundationModelArns);

    // Act
    const policies = rolePolicies(recording, silo(tenantId));

    // Assess
    // One inline policy per function role, and the admin role's export-bucket policy (TenantExportBucket).
    expect(policies).toHaveLength(5);
    for (const { roleName, document } of policies) expect(wildcardGrants(document), roleName).toEqual([]);
    const chat = policies.find((policy) => policy.roleName === `silo-${tenantId}-chat`);
    expect(
      new Set(resourcesGranted(chat?.document ?? { Version: "2012-10-17", Statement: [] }, "bedrock")),
    ).toEqual(new Set([...profileArns, ...modelArns]));
    for (const { roleName, document } of policies.filter((policy) => policy.roleName !== chat?.roleName)) {
      expect(resourcesGranted(document, "bedrock"), roleName).toEqual([]);
    }
  });

  it("has its own regional REST API behind the shared REQUEST authorizer, scoped by route, with its gateway responses", () => {
    // Prepare
    const tenant = tenantOf(tenantId);

    // Act
    const api = only(tenantId, "aws:apigateway/restApi:RestApi");
    const authorizer = only(tenantId, "aws:apigateway/authorizer:Authorizer");
    const invokesAuthorizer = ofType(tenantId, "aws:lambda/permission:Permission").find(
      (permission) => permission.inputs.function === sharedOutputsFixture.authorizerFunctionName,
    );
    const responses = ofType(tenantId, "aws:apigateway/response:Response");

    // Assess
    expect(api.inputs).toMatchObject({
      name: `silo-${tenantId}`,
      endpointConfiguration: { types: "REGIONAL" },
      disableExecuteApiEndpoint: true,
    });
    expect(authorizer.inputs).toMatchObject({
      restApi: api.state.id ?? `${api.name}-id`,
      type: "REQUEST",
      authorizerUri: sharedOutputsFixture.authorizerInvokeArn,
      identitySource: "method.request.header.Authorization,context.httpMethod,context.resourcePath",
      authorizerResultTtlInSeconds: sharedOutputsFixture.authorizerCacheTtlSeconds,
    });
    // The shared stack's one account-wide permission covers this API: a tenant adds nothing to the
    // authorizer's resource policy (capped at 20 KB).
    expect(invokesAuthorizer).toBeUndefined();
    expect(responses.map((response) => response.inputs.responseType).sort()).toEqual(
      Object.keys(gatewayResponses).sort(),
    );
    for (const response of responses) {
      const type = response.inputs.responseType as GatewayResponseType;
      expect(response.inputs, type).toMatchObject({
        responseTemplates: { "application/json": gatewayResponseTemplate(type) },
      });
      expect(response.inputs.statusCode, type).toBe(
        gatewayResponses[type].status === undefined ? undefined : String(gatewayResponses[type].status),
      );
      const origins = tenant.cors.allowedOrigins;
      expect(response.inputs.responseParameters, type).toEqual({
        ...(origins.length === 1
          ? { "gatewayresponse.header.Access-Control-Allow-Origin": `'${origins[0]}'` }
          : {}),
        // A throttled client is told when to retry, as the official OpenAI clients read it.
        ...(type === "THROTTLED" ? { "gatewayresponse.header.Retry-After": "'1'" } : {}),
      });
    }
  });

  it("has exactly one CUSTOM-authorized method per route-table entry, plus a preflight per resource when browsers may call", () => {
    // Prepare
    const tenant = tenantOf(tenantId);
    const authorizerId = `${only(tenantId, "aws:apigateway/authorizer:Authorizer").name}-id`;
    const resources = ofType(tenantId, "aws:apigateway/resource:Resource");
    const pathOf = (resourceId: unknown): string => {
      const resource = resources.find((candidate) => `${candidate.name}-id` === resourceId);
      if (resource === undefined) return "";
      return `${pathOf(resource.inputs.parentId)}/${String(resource.inputs.pathPart)}`;
    };
    const resourcePaths = new Set(routes.map((route) => route.path));

    // Act
    const methods = ofType(tenantId, "aws:apigateway/method:Method");
    const routeMethods = methods.filter((method) => method.inputs.httpMethod !== "OPTIONS");
    const preflights = methods.filter((method) => method.inputs.httpMethod === "OPTIONS");

    // Assess
    expect(
      routeMethods.map((method) => `${method.inputs.httpMethod} ${pathOf(method.inputs.resourceId)}`).sort(),
    ).toEqual(routes.map((route) => route.routeKey).sort());
    for (const method of routeMethods) {
      expect(method.inputs, String(method.name)).toMatchObject({ authorization: "CUSTOM", authorizerId });
    }
    expect(preflights.map((method) => pathOf(method.inputs.resourceId)).sort()).toEqual(
      tenant.cors.allowedOrigins.length > 0 ? [...resourcePaths].sort() : [],
    );
    for (const preflight of preflights) expect(preflight.inputs.authorization).toBe("NONE");
  });

  it("streams the model routes through the chat Lambda's response-streaming ARN, buffers the rest, and lets only this API invoke", () => {
    // Prepare
    const api = only(tenantId, "aws:apigateway/restApi:RestApi");
    const functionArnOf = (group: string) =>
      `arn:aws:lambda:${mockRegion}:${mockAccountId}:function:silo-${tenantId}-${group}`;
    const methods = ofType(tenantId, "aws:apigateway/method:Method");
    const integrations = ofType(tenantId, "aws:apigateway/integration:Integration").filter(
      (integration) => integration.inputs.type === "AWS_PROXY",
    );

    // Act
    const permissions = ofType(tenantId, "aws:lambda/permission:Permission").filter(
      (permission) => permission.inputs.function !== sharedOutputsFixture.authorizerFunctionName,
    );

    // Assess
    expect(integrations).toHaveLength(routes.length);
    for (const definition of routes) {
      const method = methods.find(
        (candidate) =>
          candidate.name ===
          `${tenantId}-routes-${definition.routeKey
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, "-")
            .replace(/^-|-$/g, "")}`,
      );
      const integration = integrations.find(
        (candidate) =>
          candidate.inputs.resourceId === method?.inputs.resourceId &&
          candidate.inputs.httpMethod === method?.inputs.httpMethod,
      );
      const streams = definition.responseTransferMode === "STREAM";
      expect(integration?.inputs, definition.routeKey).toMatchObject({
        integrationHttpMethod: "POST",
        responseTransferMode: streams ? "STREAM" : "BUFFERED",
        uri: streams
          ? `arn:aws:apigateway:${mockRegion}:lambda:path/2021-11-15/functions/${functionArnOf(definition.group)}/response-streaming-invocations`
          : `arn:aws:apigateway:${mockRegion}:lambda:path/2015-03-31/functions/${functionArnOf(definition.group)}/invocations`,
        timeoutMilliseconds: streams ? 900_000 : 29_000,
      });
    }
    expect(permissions.map((permission) => permission.inputs.sourceArn)).toEqual(
      Array(3).fill(`${api.state.executionArn}/*/*`),
    );
  });

  it("deploys a stage bound to the tenant, access-logged as JSON to its encrypted group, throttled at its limits, mapped at /<tenant>", () => {
    // Prepare
    const tenant = tenantOf(tenantId);

    // Act
    const stage = only(tenantId, "aws:apigateway/stage:Stage");
    const deployment = only(tenantId, "aws:apigateway/deployment:Deployment");
    const settings = only(tenantId, "aws:apigateway/methodSettings:MethodSettings");
    const accessLogs = ofType(tenantId, "aws:cloudwatch/logGroup:LogGroup").find(
      (group) => group.inputs.name === `/silo/${tenantId}/api-access`,
    );
    const mapping = only(tenantId, "aws:apigatewayv2/apiMapping:ApiMapping");

    // Assess
    expect(stage.inputs).toMatchObject({
      deployment: `${deployment.name}-id`,
      variables: { tenantId },
      accessLogSettings: { destinationArn: accessLogs?.state.arn },
      xrayTracingEnabled: false,
    });
    expect(JSON.parse(String((stage.inputs.accessLogSettings as { format: string }).format))).toMatchObject({
      tenantId: "$stageVariables.tenantId",
      authorizerStatus: "$context.authorizer.status",
    });
    expect((deployment.inputs.triggers as Record<string, string>).configuration).toMatch(/^[0-9a-f]{64}$/);
    expect(accessLogs?.inputs.kmsKeyId).toBe(keyArnOf(tenantId));
    expect(settings.inputs).toMatchObject({
      stageName: stage.inputs.stageName,
      methodPath: "*/*",
      settings: {
        throttlingRateLimit: tenant.limits.requestsPerSecond,
        throttlingBurstLimit: tenant.limits.burst,
        metricsEnabled: true,
      },
    });
    expect(mapping.inputs).toMatchObject({
      domainName: sharedOutputsFixture.domainName,
      stage: stage.inputs.stageName,
      apiMappingKey: tenantId,
    });
  });

  it("puts its stage behind its own WAF web ACL exactly when its tier or file asks", () => {
    // Prepare
    const tenant = tenantOf(tenantId);
    const stage = only(tenantId, "aws:apigateway/stage:Stage");

    // Act
    const associations = ofType(tenantId, "aws:wafv2/webAclAssociation:WebAclAssociation");
    const acls = ofType(tenantId, "aws:wafv2/webAcl:WebAcl");

    // Assess
    const expected = tenant.waf.enabled ?? tenant.tier === "regulated";
    expect(associations).toHaveLength(expected ? 1 : 0);
    if (tenant.tier === "regulated") expect(associations).toHaveLength(1);
    if (!expected) return;
    expect(associations[0]?.inputs).toEqual({ resourceArn: stage.state.arn, webAclArn: acls[0]?.state.arn });
    expect(acls[0]?.inputs).toMatchObject({
      scope: "REGIONAL",
      rules: webAclRules(tenant),
      visibilityConfig: { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true },
    });
  });

  it("tags every AWS resource through its provider's default tags", () => {
    // Prepare
    const tenant = tenantOf(tenantId);
    const provider = recording.named("pulumi:providers:aws", `${tenantId}-aws`);

    // Act
    const awsResources = silo(tenantId).filter(
      (resource) => resource.custom && resource.type.startsWith("aws:"),
    );

    // Assess
    expect(JSON.parse(String(provider.inputs.defaultTags)).tags).toMatchObject({
      "silo:tenant": tenantId,
      "silo:kit": "silo-kit",
      "silo:data-classification": tenant.dataClassification,
    });
    expect(awsResources.filter((resource) => !resource.provider.startsWith(`${provider.urn}::`))).toEqual([]);
  });
});

describe("tenants side by side", () => {
  it("share no key, role, security group, secret, database or API", () => {
    // Prepare
    const idsOf = (tenantId: string, type: string, field = "id") =>
      ofType(tenantId, type).map((resource) => String(resource.state[field] ?? resource.name));
    const types = [
      ["aws:kms/key:Key", "arn"],
      ["aws:iam/role:Role", "arn"],
      ["aws:ec2/securityGroup:SecurityGroup", "name"],
      ["aws:secretsmanager/secret:Secret", "arn"],
      ["aws:rds/instance:Instance", "arn"],
      ["aws:apigateway/restApi:RestApi", "executionArn"],
    ] as const;

    // Act
    const shared = types.flatMap(([type, field]) => {
      const seen = new Map<string, string>();
      return tenantIds.flatMap((tenantId) =>
        idsOf(tenantId, type, field).flatMap((id) => {
          const owner = seen.get(id);
          seen.set(id, tenantId);
          return owner === undefined ? [] : [`${type} ${id}: ${owner} and ${tenantId}`];
        }),
      );
    });

    // Assess
    expect(shared).toEqual([]);
    for (const tenantId of tenantIds) expect(ofType(tenantId, "aws:kms/key:Key")).toHaveLength(1);
  });

  it("have distinct physical names", () => {
    // Act
    const namesOf = (tenantId: string) =>
      silo(tenantId)
        .filter((resource) => resource.custom && resource.type !== "aws:apigateway/stage:Stage")
        .flatMap((resource) =>
          ["name", "identifier", "finalSnapshotIdentifier"].flatMap((field) =>
            typeof resource.inputs[field] === "string" ? [String(resource.inputs[field])] : [],
          ),
        );
    const clashes = tenantIds.flatMap((tenantId, index) =>
      tenantIds
        .slice(index + 1)
        .flatMap((other) => namesOf(tenantId).filter((name) => namesOf(other).includes(name))),
    );

    // Assess
    expect(clashes).toEqual([]);
    for (const tenantId of tenantIds) expect(namesOf(tenantId).length).toBeGreaterThan(20);
  });

  it("never reference another tenant's key, secrets or roles", () => {
    for (const tenantId of tenantIds) {
      // Prepare
      const others = tenantIds.filter((other) => other !== tenantId);
      const foreign = others.flatMap((other) => [
        keyArnOf(other),
        `/silo/${other}/`,
        `:role/silo-${other}-`,
        `rds!db-silo-${other}-`,
      ]);

      // Act
      const references = silo(tenantId).flatMap((resource) =>
        stringsIn(resource.inputs)
          .filter((value) => foreign.some((marker) => value.includes(marker)))
          .map((value) => `${resource.type} ${resource.name}: ${value.slice(0, 120)}`),
      );

      // Assess
      expect(references, tenantId).toEqual([]);
    }
  });
});

describe("a dedicated network", () => {
  it("gives the tenant its own VPC, endpoints and a Transit Gateway attachment to reach the ledger", () => {
    // Act
    const vpc = only("acme-health", "aws:ec2/vpc:Vpc");
    const attachment = only("acme-health", "aws:ec2transitgateway/vpcAttachment:VpcAttachment");
    const association = only(
      "acme-health",
      "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
    );
    const propagation = only(
      "acme-health",
      "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",
    );
    const endpoints = ofType("acme-health", "aws:ec2/vpcEndpoint:VpcEndpoint");
    const routes = ofType("acme-health", "aws:ec2/route:Route");
    const instance = only("acme-health", "aws:rds/instance:Instance");
    const subnetGroup = only("acme-health", "aws:rds/subnetGroup:SubnetGroup");

    // Assess
    expect(vpc.inputs.cidrBlock).toBe("10.20.0.0/16");
    expect(ofType("acme-health", "aws:ec2/vpcPeeringConnection:VpcPeeringConnection")).toEqual([]);
    expect(attachment.inputs).toMatchObject({
      transitGatewayId: sharedOutputsFixture.transitGatewayId,
      transitGatewayDefaultRouteTableAssociation: false,
      transitGatewayDefaultRouteTablePropagation: false,
    });
    expect(association.inputs.transitGatewayRouteTableId).toBe(
      sharedOutputsFixture.transitGatewayTenantRouteTableId,
    );
    expect(propagation.inputs.transitGatewayRouteTableId).toBe(
      sharedOutputsFixture.transitGatewaySharedRouteTableId,
    );
    expect(endpoints.map((endpoint) => endpoint.inputs.serviceName).sort()).toEqual(
      ["bedrock-runtime", "secretsmanager"].map((service) => `com.amazonaws.${mockRegion}.${service}`),
    );
    for (const endpoint of endpoints) {
      const service = String(endpoint.inputs.serviceName).split(".").at(-1) as InterfaceEndpointService;
      expect(JSON.parse(String(endpoint.inputs.policy))).toEqual(
        interfaceEndpointPolicy({ accountId: mockAccountId, region: mockRegion, partition: "aws" }, service),
      );
    }
    // Only the tenant's own route table gets a route (to the shared VPC); the shared route tables get none.
    expect(routes.map((route) => [route.inputs.destinationCidrBlock, route.inputs.transitGatewayId])).toEqual(
      [[sharedOutputsFixture.vpcCidrBlock, sharedOutputsFixture.transitGatewayId]],
    );
    expect(subnetGroup.inputs.subnetIds).not.toEqual(sharedOutputsFixture.privateSubnetIds);
    expect(instance.inputs.dbSubnetGroupName).toBe(subnetGroup.inputs.name);
    expect(ofType("globex", "aws:ec2/vpc:Vpc")).toEqual([]);
  });

  it("opens the internet over HTTPS only to tenants with openai-compatible models", () => {
    // Act
    const internetRules = (tenantId: string) =>
      ofType(tenantId, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").filter(
        (rule) => rule.inputs.cidrIpv4 === "0.0.0.0/0",
      );

    // Assess
    expect(internetRules("initech").map((rule) => rule.inputs.fromPort)).toEqual([443]);
    expect(internetRules("globex")).toEqual([]);
    expect(internetRules("acme-health")).toEqual([]);
  });
});
