import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  type LedgerEnrollmentInput,
  ledgerLifecycleKey,
} from "../../runtime/ledgerAdmin/ledgerAdminEvent.ts";
import type { TenantConfig } from "../../tenants/schema.ts";

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
 * so a tenant never serves traffic it cannot meter. On destroy it invokes the ledger admin once more, which
 * disables the tenant's ledger role (no login, open sessions ended) and keeps its rows for finance.
 */
export class TenantLedgerEnrollment extends pulumi.ComponentResource {
  readonly enrollment: aws.lambda.Invocation;

  constructor(name: string, args: TenantLedgerEnrollmentArgs, opts?: pulumi.ComponentResourceOptions) {
    super("silo:tenant:TenantLedgerEnrollment", name, {}, opts);

    const input = pulumi.output(args.ledgerSecretVersionId).apply((ledgerSecretVersion) => {
      const enrollment: LedgerEnrollmentInput = {
        tenantId: args.tenant.id,
        monthlyBudgetUsd: args.tenant.limits.monthlyBudgetUsd,
        revision: { ledgerSecretVersion, ledgerAdminCode: args.ledgerAdminCodeSha256 },
      };
      return JSON.stringify(enrollment);
    });
    this.enrollment = new aws.lambda.Invocation(
      `${name}-enroll`,
      {
        functionName: args.ledgerAdminFunctionName,
        input,
        // CRUD: the function is invoked on create, on every input change (action "update") and on destroy
        // (action "delete"). What must re-enroll lives in the input, not in `triggers`: a trigger change
        // replaces the resource, and a replacement ends with a delete. (`triggers` is ForceNew, `input` is not:
        // https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/lambda/invocation.go)
        lifecycleScope: "CRUD",
        terraformKey: ledgerLifecycleKey,
      },
      // A replacement (a new function name) must disable the old enrollment before the new one re-enables
      // the role; Pulumi's default order (create, then delete) would leave the tenant's role disabled.
      { parent: this, deleteBeforeReplace: true },
    );
    this.registerOutputs({});
  }
}
