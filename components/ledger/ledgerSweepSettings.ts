import { SiloError } from "../../runtime/core/errors/siloError.ts";
import { ledgerSweepEvent } from "../../runtime/ledgerAdmin/ledgerAdminEvent.ts";
import type { AwsContext } from "../common/awsContext.ts";
import { type PolicyDocument, policyDocument } from "../common/policyDocument.ts";
import { sharedResourceNamesOf } from "../common/resourceNames.ts";

/** Minutes between sweeps when `silo:ledgerSweepIntervalMinutes` is not set. */
export const defaultLedgerSweepIntervalMinutes = 5;

/** Longest interval: a dangling reservation holds its estimate out of the tenant's budget until swept. */
export const maxLedgerSweepIntervalMinutes = 60;

/**
 * The EventBridge Scheduler expression that runs the sweep every `intervalMinutes` (Scheduler wants the
 * singular unit for 1). Fails for anything but a whole number from 1 to 60.
 *
 * @example
 * ledgerSweepScheduleExpression(5); // "rate(5 minutes)"
 */
export function ledgerSweepScheduleExpression(intervalMinutes: number): string {
  if (
    !Number.isInteger(intervalMinutes) ||
    intervalMinutes < 1 ||
    intervalMinutes > maxLedgerSweepIntervalMinutes
  ) {
    throw new SiloError(
      "LEDGER_SWEEP_INTERVAL_INVALID",
      `the ledger sweep interval is ${intervalMinutes} minutes; use a whole number from 1 to ${maxLedgerSweepIntervalMinutes}`,
    );
  }
  return intervalMinutes === 1 ? "rate(1 minute)" : `rate(${intervalMinutes} minutes)`;
}

/**
 * What the schedule sends to the ledger-admin Lambda: the sweep event as JSON, with a retry policy that
 * gives up before the next run is due (that run sweeps the same rows, so piling up retries gains nothing).
 *
 * @example
 * ledgerSweepTarget(5).input; // '{"action":"sweep"}'
 */
export function ledgerSweepTarget(intervalMinutes: number) {
  return {
    input: JSON.stringify(ledgerSweepEvent),
    retryPolicy: { maximumEventAgeInSeconds: intervalMinutes * 60, maximumRetryAttempts: 2 },
  };
}

/** The ARN of a schedule group, known before it exists, so the role's trust policy can name it. */
export function scheduleGroupArn(aws: AwsContext, groupName: string): string {
  return `arn:${aws.partition}:scheduler:${aws.region}:${aws.accountId}:schedule-group/${groupName}`;
}

/**
 * The trust policy of the sweep schedule's role: only EventBridge Scheduler, and only for schedules of the
 * shared stack's group in this account (confused deputy).
 */
export function ledgerSweepTrustPolicy(aws: AwsContext): PolicyDocument {
  return policyDocument([
    {
      Sid: "SchedulerAssumesRole",
      Effect: "Allow",
      Principal: { Service: "scheduler.amazonaws.com" },
      Action: ["sts:AssumeRole"],
      Condition: {
        StringEquals: {
          "aws:SourceAccount": aws.accountId,
          "aws:SourceArn": scheduleGroupArn(
            aws,
            sharedResourceNamesOf(aws.environmentQualifier).ledgerSweepScheduleGroup,
          ),
        },
      },
    },
  ]);
}

/** The sweep schedule's role may invoke the ledger-admin function and nothing else. */
export function ledgerSweepInvokePolicy(ledgerAdminFunctionArn: string): PolicyDocument {
  return policyDocument([
    {
      Sid: "InvokeLedgerAdmin",
      Effect: "Allow",
      Action: ["lambda:InvokeFunction"],
      Resource: [ledgerAdminFunctionArn],
    },
  ]);
}
