import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsContext } from "../common/awsContext.ts";
import { type TenantFunction, tenantFunctions, tenantResourceNames } from "../common/resourceNames.ts";
import { lambdaTrustPolicy } from "./functionPolicies.ts";

/** Arguments of {@link TenantRoles}. */
export interface TenantRolesArgs {
  readonly aws: AwsContext;
  readonly tenantId: string;
}

/**
 * One execution role per tenant function (chat, data, admin, migrate), with no permissions yet. They exist
 * before the tenant's KMS key because its key policy names them (KMS refuses a policy naming a role that
 * does not exist); TenantRuntime then gives each its own least-privilege policy.
 */
export class TenantRoles extends pulumi.ComponentResource {
  readonly roles: Readonly<Record<TenantFunction, aws.iam.Role>>;
  readonly roleArns: pulumi.Output<string>[];

  constructor(name: string, args: TenantRolesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("silo:tenant:TenantRoles", name, {}, opts);

    const names = tenantResourceNames(args.tenantId, args.aws.environmentQualifier);
    const trustPolicy = JSON.stringify(lambdaTrustPolicy(args.aws));
    const role = (fn: TenantFunction) =>
      new aws.iam.Role(
        `${name}-${fn}`,
        {
          name: names.roleName(fn),
          description: `silo-kit ${fn} function of tenant ${args.tenantId}`,
          assumeRolePolicy: trustPolicy,
        },
        { parent: this },
      );
    this.roles = {
      chat: role("chat"),
      data: role("data"),
      admin: role("admin"),
      migrate: role("migrate"),
    };
    this.roleArns = tenantFunctions.map((fn) => this.roles[fn].arn);
    this.registerOutputs({ roleArns: this.roleArns });
  }
}
