import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsContext } from "../common/awsContext.ts";
import { sharedResourceNamesOf } from "../common/resourceNames.ts";
import {
  defaultLedgerSweepIntervalMinutes,
  ledgerSweepInvokePolicy,
  ledgerSweepScheduleExpression,
  ledgerSweepTarget,
  ledgerSweepTrustPolicy,
} from "./ledgerSweepSettings.ts";

/** Arguments of {@link LedgerSweepSchedule}. */
export interface LedgerSweepScheduleArgs {
  readonly aws: AwsContext;
  /** ARN of the ledger-admin function the schedule invokes. */
  readonly ledgerAdminFunctionArn: pulumi.Input<string>;
  /** @default 5: a dangling reservation is expired at most 5 minutes after its deadline */
  readonly intervalMinutes?: number;
}

/**
 * Runs the usage ledger's sweeper: an EventBridge Scheduler schedule that invokes the ledger-admin Lambda
 * with `{"action": "sweep"}` every few minutes, so reservations left open by a crash between reserve and
 * settle are expired, flagged for reconciliation and their estimates returned to the budgets. Its role may
 * invoke that one function and nothing else, and only Scheduler, for the shared stack's schedule group, may
 * assume it.
 */
export class LedgerSweepSchedule extends pulumi.ComponentResource {
  readonly scheduleArn: pulumi.Output<string>;
  readonly roleArn: pulumi.Output<string>;

  constructor(name: string, args: LedgerSweepScheduleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("silo:shared:LedgerSweepSchedule", name, {}, opts);

    const names = sharedResourceNamesOf(args.aws.environmentQualifier);
    const intervalMinutes = args.intervalMinutes ?? defaultLedgerSweepIntervalMinutes;
    const scheduleExpression = ledgerSweepScheduleExpression(intervalMinutes);
    const group = new aws.scheduler.ScheduleGroup(
      `${name}-group`,
      { name: names.ledgerSweepScheduleGroup },
      { parent: this },
    );
    const role = new aws.iam.Role(
      `${name}-role`,
      {
        name: names.ledgerSweepRole,
        description: "silo-kit ledger sweep schedule: invokes the ledger-admin Lambda, nothing else",
        assumeRolePolicy: JSON.stringify(ledgerSweepTrustPolicy(args.aws)),
      },
      { parent: this },
    );
    const policy = new aws.iam.RolePolicy(
      `${name}-policy`,
      {
        role: role.name,
        name: names.ledgerSweepRole,
        policy: pulumi
          .output(args.ledgerAdminFunctionArn)
          .apply((functionArn) => JSON.stringify(ledgerSweepInvokePolicy(functionArn))),
      },
      { parent: this },
    );
    const target = ledgerSweepTarget(intervalMinutes);
    const schedule = new aws.scheduler.Schedule(
      `${name}-schedule`,
      {
        name: names.ledgerSweepSchedule,
        groupName: group.name,
        description: "silo-kit: expires dangling usage-ledger reservations (ledger-admin sweep)",
        scheduleExpression,
        flexibleTimeWindow: { mode: "OFF" },
        state: "ENABLED",
        target: {
          arn: args.ledgerAdminFunctionArn,
          roleArn: role.arn,
          input: target.input,
          retryPolicy: target.retryPolicy,
        },
      },
      // The first run, due right after creation, needs the role's permission in place.
      { parent: this, dependsOn: [policy] },
    );

    this.scheduleArn = schedule.arn;
    this.roleArn = role.arn;
    this.registerOutputs({ scheduleArn: this.scheduleArn, roleArn: this.roleArn });
  }
}
