import * as pulumi from "@pulumi/pulumi";
import type { TenantConfig } from "../../tenants/schema.ts";
import type { AwsContext } from "../common/awsContext.ts";
import type { TenantFunction } from "../common/resourceNames.ts";
import type { SharedEdgeOutputs } from "../common/sharedEdgeOutputs.ts";
import { TenantDatabase } from "../database/tenantDatabase.ts";
import { TenantApi } from "../edge/tenantApi.ts";
import { TenantRoutes } from "../edge/tenantRoutes.ts";
import { TenantStage } from "../edge/tenantStage.ts";
import { TenantExportBucket } from "../exports/tenantExportBucket.ts";
import type { LambdaCode } from "../functions/lambdaCode.ts";
import { exportDownloadBaseUrl } from "../functions/tenantEnvironment.ts";
import { TenantRoles } from "../functions/tenantRoles.ts";
import { TenantRuntime } from "../functions/tenantRuntime.ts";
import { TenantKey } from "../keys/tenantKey.ts";
import { TenantLedgerEnrollment } from "../ledger/tenantLedgerEnrollment.ts";
import { TenantModels } from "../models/tenantModels.ts";
import { TenantNetwork } from "../network/tenantNetwork.ts";
import { tenantNetworkPlan } from "../network/tenantNetworkPlan.ts";
import { TenantSecrets } from "../secrets/tenantSecrets.ts";

/** Arguments of {@link TenantSilo}. */
export interface TenantSiloArgs {
  /** The validated tenant file. */
  readonly tenant: TenantConfig;
  readonly aws: AwsContext;
  /** The shared stack's outputs, read through the tenant stack's StackReference. */
  readonly shared: SharedEdgeOutputs;
  /** `SILO_ENVIRONMENT` of the tenant's Lambdas. */
  readonly environment: string;
  /** The bundles of the tenant functions. */
  readonly code: Readonly<Record<TenantFunction, LambdaCode>>;
  /**
   * The role that deploys and operates the stack (`silo:deployerRoleArn`): the one principal besides the
   * tenant's roles that may use the tenant key, and only through RDS, Secrets Manager and Lambda.
   * @default the IAM role (or user) the deployment runs as
   */
  readonly deployerArn?: string;
  /**
   * Address range of the tenant's own VPC (`silo:vpcCidr`); only for `network: dedicated`.
   * @default none: required for, and only allowed with, a dedicated network
   */
  readonly dedicatedVpcCidr?: string;
}

/**
 * One tenant's silo: everything of the tenant's own, separate from every other tenant's, behind the shared
 * edge. Built in dependency order: roles, then the key that names them, secrets, network, database, models,
 * the API, the Lambdas (which need the API's URL), the ledger enrollment and the database migration, and
 * only then the routes and the stage that deploys them, so no traffic reaches a silo that cannot serve and
 * meter it.
 */
export class TenantSilo extends pulumi.ComponentResource {
  readonly url: pulumi.Output<string>;
  readonly apiId: pulumi.Output<string>;
  readonly keyArn: pulumi.Output<string>;
  readonly keyAlias: pulumi.Output<string>;
  readonly databaseAddress: pulumi.Output<string>;
  readonly inferenceProfileArns: pulumi.Output<Record<string, string>>;
  readonly functionNames: Readonly<Record<TenantFunction, pulumi.Output<string>>>;

  constructor(name: string, args: TenantSiloArgs, opts?: pulumi.ComponentResourceOptions) {
    super("silo:tenant:TenantSilo", name, {}, opts);

    const { tenant, shared } = args;
    const plan = tenantNetworkPlan(tenant, shared, args.dedicatedVpcCidr);
    const roles = new TenantRoles(`${name}-roles`, { aws: args.aws, tenantId: tenant.id }, { parent: this });
    const key = new TenantKey(
      `${name}-key`,
      {
        aws: args.aws,
        tenantId: tenant.id,
        tenantRoleArns: roles.roleArns,
        ledgerAdminRoleArn: shared.ledgerAdminRoleArn,
        deployerArn: args.deployerArn,
      },
      { parent: this },
    );
    const secrets = new TenantSecrets(
      `${name}-secrets`,
      {
        tenant,
        keyArn: key.keyArn,
        ledgerAdminRoleArn: shared.ledgerAdminRoleArn,
        environmentQualifier: args.aws.environmentQualifier,
      },
      { parent: this },
    );
    const network = new TenantNetwork(
      `${name}-network`,
      { tenantId: tenant.id, aws: args.aws, plan, shared },
      { parent: this },
    );
    const database = new TenantDatabase(
      `${name}-database`,
      {
        tenant,
        keyArn: key.keyArn,
        subnetIds: network.subnetIds,
        securityGroupId: network.databaseSecurityGroupId,
        environmentQualifier: args.aws.environmentQualifier,
      },
      { parent: this },
    );
    const models = new TenantModels(`${name}-models`, { tenant, aws: args.aws }, { parent: this });
    const domainName = shared.domainName === "" ? undefined : shared.domainName;
    const api = new TenantApi(
      `${name}-api`,
      {
        tenant,
        region: args.aws.region,
        keyArn: key.keyArn,
        authorizer: {
          invokeArn: shared.authorizerInvokeArn,
          cacheTtlSeconds: shared.authorizerCacheTtlSeconds,
        },
        domainName,
        environmentQualifier: args.aws.environmentQualifier,
      },
      { parent: this },
    );
    const exports = new TenantExportBucket(
      `${name}-exports`,
      {
        tenantId: tenant.id,
        keyArn: key.keyArn,
        retentionDays: tenant.dataRetentionDays,
        writerRole: roles.roles.admin,
        environmentQualifier: args.aws.environmentQualifier,
      },
      { parent: this },
    );
    const runtime = new TenantRuntime(
      `${name}-runtime`,
      {
        tenant,
        aws: args.aws,
        environment: args.environment,
        roles: roles.roles,
        keyArn: key.keyArn,
        network: { subnetIds: network.subnetIds, securityGroupIds: network.lambdaSecurityGroupIds },
        database,
        ledger: {
          address: shared.ledgerAddress,
          port: shared.ledgerPort,
          databaseName: shared.ledgerDatabaseName,
          secretArn: secrets.ledgerSecretArn,
        },
        providerKeySecretArns: secrets.providerKeySecretArns,
        models,
        exportDownloadBaseUrl: api.apiEndpoint.apply((apiEndpoint) =>
          exportDownloadBaseUrl({ tenantId: tenant.id, domainName, apiEndpoint }),
        ),
        exportBucket: { name: exports.bucketName, keyArn: key.keyArn },
        code: args.code,
      },
      // The migration runs inside the VPC: its network paths must exist before it is invoked.
      { parent: this, dependsOn: [network] },
    );
    const ledger = new TenantLedgerEnrollment(
      `${name}-ledger`,
      {
        tenant,
        ledgerAdminFunctionName: shared.ledgerAdminFunctionName,
        ledgerAdminCodeSha256: shared.ledgerAdminCodeSha256,
        ledgerSecretVersionId: secrets.ledgerSecretVersionId,
      },
      { parent: this, dependsOn: [secrets, key, network] },
    );
    const routes = new TenantRoutes(
      `${name}-routes`,
      {
        apiId: api.apiId,
        rootResourceId: api.rootResourceId,
        executionArn: api.executionArn,
        authorizerId: api.authorizerId,
        functions: runtime.functions,
        allowedOrigins: tenant.cors.allowedOrigins,
      },
      { parent: this, dependsOn: [runtime.migration, ledger] },
    );
    new TenantStage(
      `${name}-stage`,
      {
        tenant,
        apiId: api.apiId,
        accessLogGroupArn: api.accessLogGroupArn,
        deployed: routes.deployed,
        configurationHash: routes.configurationHash,
        domainName,
        xrayTracingEnabled: tenant.xrayTracing,
        environmentQualifier: args.aws.environmentQualifier,
      },
      { parent: this, dependsOn: [routes] },
    );

    this.url = api.url;
    this.apiId = api.apiId;
    this.keyArn = key.keyArn;
    this.keyAlias = key.aliasName;
    this.databaseAddress = database.address;
    this.inferenceProfileArns = models.profileArns;
    this.functionNames = {
      chat: runtime.functions.chat.functionName,
      data: runtime.functions.data.functionName,
      admin: runtime.functions.admin.functionName,
      migrate: runtime.migrateFunction.functionName,
    };
    this.registerOutputs({
      url: this.url,
      apiId: this.apiId,
      keyArn: this.keyArn,
      keyAlias: this.keyAlias,
      databaseAddress: this.databaseAddress,
      inferenceProfileArns: this.inferenceProfileArns,
      functionNames: this.functionNames,
    });
  }
}
