import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { HandlerGroup } from "../../runtime/api/routes.ts";
import type { TenantConfig } from "../../tenants/schema.ts";
import { type AwsContext, logGroupArn } from "../common/awsContext.ts";
import { type TenantFunction, tenantFunctions, tenantResourceNames } from "../common/resourceNames.ts";
import { tenantFunctionPolicy } from "./functionPolicies.ts";
import { tenantFunctionSettings } from "./functionSettings.ts";
import type { LambdaCode } from "./lambdaCode.ts";
import { SiloFunction } from "./siloFunction.ts";
import { tenantFunctionEnvironment } from "./tenantEnvironment.ts";

/** Arguments of {@link TenantRuntime}. */
export interface TenantRuntimeArgs {
  readonly tenant: TenantConfig;
  readonly aws: AwsContext;
  /** `SILO_ENVIRONMENT`. */
  readonly environment: string;
  /** The functions' execution roles (TenantRoles); each gets its own policy here. */
  readonly roles: Readonly<Record<TenantFunction, aws.iam.Role>>;
  /** The tenant key: environments, log groups, and the secrets the functions decrypt. */
  readonly keyArn: pulumi.Input<string>;
  readonly network: {
    readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    readonly securityGroupIds: pulumi.Input<pulumi.Input<string>[]>;
  };
  readonly database: {
    readonly address: pulumi.Input<string>;
    readonly port: pulumi.Input<number>;
    readonly databaseName: pulumi.Input<string>;
    readonly masterSecretArn: pulumi.Input<string>;
  };
  readonly ledger: {
    readonly address: string;
    readonly port: number;
    readonly databaseName: string;
    /** The tenant's own ledger-role secret. */
    readonly secretArn: pulumi.Input<string>;
  };
  /** Secret ARN per openai-compatible model key. */
  readonly providerKeySecretArns: Readonly<Record<string, pulumi.Input<string>>>;
  readonly models: {
    readonly profileArns: pulumi.Input<Record<string, string>>;
    readonly foundationModelArns: readonly string[];
  };
  /** `SILO_EXPORT_DOWNLOAD_BASE_URL` of the admin function. */
  readonly exportDownloadBaseUrl: pulumi.Input<string>;
  /** The tenant's export bucket (TenantExportBucket) and the key its objects are written with, for the admin function. */
  readonly exportBucket?: { readonly name: pulumi.Input<string>; readonly keyArn: pulumi.Input<string> };
  readonly code: Readonly<Record<TenantFunction, LambdaCode>>;
}

/**
 * The tenant's Lambdas: one per handler group (chat, data, admin) plus the deploy-time migration function,
 * each with its own least-privilege role policy (functionPolicies.ts), environment (tenantEnvironment.ts:
 * secret ids, never secret values; encrypted with the tenant key), reserved concurrency and an encrypted
 * log group with the tenant's retention, all in the tenant's private subnets. The migration function is
 * invoked on deploy (and again whenever its code or the database changes) before any route exists.
 */
export class TenantRuntime extends pulumi.ComponentResource {
  readonly functions: Readonly<Record<HandlerGroup, SiloFunction>>;
  readonly migrateFunction: SiloFunction;
  /** The deploy-time migration run; routes wait for it. */
  readonly migration: aws.lambda.Invocation;

  constructor(name: string, args: TenantRuntimeArgs, opts?: pulumi.ComponentResourceOptions) {
    super("silo:tenant:TenantRuntime", name, {}, opts);

    const names = tenantResourceNames(args.tenant.id, args.aws.environmentQualifier);
    const resolved = pulumi.output({
      keyArn: args.keyArn,
      databaseAddress: args.database.address,
      databasePort: args.database.port,
      databaseName: args.database.databaseName,
      databaseSecretArn: args.database.masterSecretArn,
      ledgerSecretArn: args.ledger.secretArn,
      providerKeySecretArns: { ...args.providerKeySecretArns },
      profileArns: args.models.profileArns,
      exportDownloadBaseUrl: args.exportDownloadBaseUrl,
      exportBucketName: args.exportBucket?.name ?? "",
      exportKeyArn: args.exportBucket?.keyArn ?? "",
    });

    const tenantFunction = (fn: TenantFunction) => {
      const settings = tenantFunctionSettings(fn, args.tenant);
      return new SiloFunction(
        `${name}-${fn}`,
        {
          functionName: names.functionName(fn),
          description: `silo-kit ${fn} function of tenant ${args.tenant.id}`,
          role: args.roles[fn],
          policy: resolved.apply((values) =>
            tenantFunctionPolicy(fn, {
              logGroupArn: logGroupArn(args.aws, names.functionLogGroup(fn)),
              keyArn: values.keyArn,
              databaseSecretArn: values.databaseSecretArn,
              ledgerSecretArn: values.ledgerSecretArn,
              providerKeySecretArns: Object.values(values.providerKeySecretArns),
              inferenceProfileArns: Object.values(values.profileArns),
              foundationModelArns: args.models.foundationModelArns,
            }),
          ),
          code: args.code[fn],
          environment: resolved.apply((values) =>
            tenantFunctionEnvironment(fn, {
              tenant: args.tenant,
              environment: args.environment,
              database: {
                host: values.databaseAddress,
                port: values.databasePort,
                name: values.databaseName,
                secretId: values.databaseSecretArn,
              },
              ledger: {
                host: args.ledger.address,
                port: args.ledger.port,
                name: args.ledger.databaseName,
                secretId: values.ledgerSecretArn,
              },
              modelProfileArns: values.profileArns,
              providerKeySecretPrefix: names.providerKeySecretPrefix,
              exportDownloadBaseUrl: values.exportDownloadBaseUrl,
              ...(values.exportBucketName
                ? { exportBucket: { name: values.exportBucketName, keyArn: values.exportKeyArn } }
                : {}),
            }),
          ),
          memoryMb: settings.memoryMb,
          timeoutSeconds: settings.timeoutSeconds,
          reservedConcurrency: settings.reservedConcurrency,
          logRetentionDays: args.tenant.logRetentionDays,
          logKeyArn: args.keyArn,
          environmentKeyArn: args.keyArn,
          vpc: { subnetIds: args.network.subnetIds, securityGroupIds: args.network.securityGroupIds },
        },
        { parent: this },
      );
    };
    const byFunction = Object.fromEntries(tenantFunctions.map((fn) => [fn, tenantFunction(fn)])) as Record<
      TenantFunction,
      SiloFunction
    >;
    this.functions = { chat: byFunction.chat, data: byFunction.data, admin: byFunction.admin };
    this.migrateFunction = byFunction.migrate;

    this.migration = new aws.lambda.Invocation(
      `${name}-migrate-run`,
      {
        functionName: this.migrateFunction.functionName,
        input: JSON.stringify({}),
        triggers: { code: args.code.migrate.sha256, database: pulumi.output(args.database.address) },
      },
      { parent: this, dependsOn: [this.migrateFunction] },
    );

    this.registerOutputs({
      functionNames: Object.fromEntries(
        tenantFunctions.map((fn) => [fn, byFunction[fn].functionName] as const),
      ),
    });
  }
}
