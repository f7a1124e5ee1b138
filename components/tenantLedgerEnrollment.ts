import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { TenantConfig } from "../tenants/schema.ts";

/** Arguments of {@link TenantLedgerEnrollment}. */
export interface TenantLedgerEnrollmentArgs {
  readonly tenant: TenantConfig;
  /** The shared ledger-admin function. */
  readonly ledgerAdminFunctionName: string;
  /** The ledger admin's code: new code (maybe a new ledger migration) enrolls the tenant again. */
  readonly ledgerAdminCodeSha256: string;
  /** The tenant's ledger secret version: a new password is applied to the ledger role. */
  readonly ledgerSecretVersionId: pulumi.Input<string>;
}

/**
 * Enrolls the tenant in the shared usage ledger on deploy: invokes the ledger-admin Lambda, which migrates
 * the ledger and creates (or updates) the tenant's ledger role from its secret and registers its budget. It
 * runs again when the password, the budget or the ledger-admin code changes; a failure fails the deploy,
 * so a tenant never serves traffic it cannot meter.
 */
export class TenantLedgerEnrollment extends pulumi.ComponentResource {
  readonly enrollment: aws.lambda.Invocation;

  constructor(name: string, args: TenantLedgerEnrollmentArgs, opts?: pulumi.ComponentResourceOptions) {
    super("silo:tenant:TenantLedgerEnrollment", name, {}, opts);

    this.enrollment = new aws.lambda.Invocation(
      `${name}-enroll`,
      {
        functionName: args.ledgerAdminFunctionName,
        input: JSON.stringify({
          tenantId: args.tenant.id,
          monthlyBudgetUsd: args.tenant.limits.monthlyBudgetUsd,
        }),
        triggers: {
          ledgerSecretVersion: args.ledgerSecretVersionId,
          ledgerAdminCode: args.ledgerAdminCodeSha256,
        },
      },
      { parent: this },
    );
    this.registerOutputs({});
  }
}
