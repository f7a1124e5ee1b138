import { describe, expect, it } from "vitest";
import {
  ledgerSweepInvokePolicy,
  ledgerSweepScheduleExpression,
  ledgerSweepTarget,
  ledgerSweepTrustPolicy,
  scheduleGroupArn,
} from "../../../components/ledger/ledgerSweepSettings.ts";
import { parseLedgerAdminEvent } from "../../../runtime/ledgerAdmin/ledgerAdminEvent.ts";
import { testAws } from "../support.ts";

const functionArn = "arn:aws:lambda:us-east-1:123456789012:function:silo-ledger-admin";

describe("ledgerSweepScheduleExpression", () => {
  it("writes a Scheduler rate, singular for one minute", () => {
    // Assess
    expect(ledgerSweepScheduleExpression(5)).toBe("rate(5 minutes)");
    expect(ledgerSweepScheduleExpression(1)).toBe("rate(1 minute)");
    expect(ledgerSweepScheduleExpression(60)).toBe("rate(60 minutes)");
  });

  it("refuses an interval that is not a whole number from 1 to 60", () => {
    for (const interval of [0, 61, 2.5, Number.NaN]) {
      // Act
      const expression = () => ledgerSweepScheduleExpression(interval);

      // Assess
      expect(expression).toThrow(expect.objectContaining({ code: "LEDGER_SWEEP_INTERVAL_INVALID" }));
      expect(expression).toThrow(`is ${interval} minutes; use a whole number from 1 to 60`);
    }
  });
});

describe("ledgerSweepTarget", () => {
  it("sends the sweep event the ledger admin parses, and stops retrying before the next run", () => {
    // Act
    const target = ledgerSweepTarget(5);

    // Assess
    expect(parseLedgerAdminEvent(JSON.parse(target.input))).toEqual({ action: "sweep" });
    expect(target.retryPolicy).toEqual({ maximumEventAgeInSeconds: 300, maximumRetryAttempts: 2 });
  });
});

describe("ledgerSweepInvokePolicy", () => {
  it("allows lambda:InvokeFunction on the one function and nothing else", () => {
    // Act
    const document = ledgerSweepInvokePolicy(functionArn);

    // Assess
    expect(document).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "InvokeLedgerAdmin",
          Effect: "Allow",
          Action: ["lambda:InvokeFunction"],
          Resource: [functionArn],
        },
      ],
    });
  });
});

describe("ledgerSweepTrustPolicy", () => {
  it("lets only EventBridge Scheduler assume the role, for the shared schedule group of this account", () => {
    // Act
    const document = ledgerSweepTrustPolicy(testAws);

    // Assess
    expect(document.Statement).toEqual([
      {
        Sid: "SchedulerAssumesRole",
        Effect: "Allow",
        Principal: { Service: "scheduler.amazonaws.com" },
        Action: ["sts:AssumeRole"],
        Condition: {
          StringEquals: {
            "aws:SourceAccount": "123456789012",
            "aws:SourceArn": "arn:aws:scheduler:us-east-1:123456789012:schedule-group/silo-shared",
          },
        },
      },
    ]);
    expect(scheduleGroupArn({ ...testAws, partition: "aws-us-gov", region: "us-gov-west-1" }, "g")).toBe(
      "arn:aws-us-gov:scheduler:us-gov-west-1:123456789012:schedule-group/g",
    );
  });
});
