import { beforeAll, describe, expect, it } from "vitest";
import type { PolicyDocument } from "../../../components/common/policyDocument.ts";
import { mockAccountId, mockRegion } from "../../../runtime/plan/mockOutputs.ts";
import { type RecordedResource, startPulumiRecording } from "../../../runtime/plan/pulumiRecording.ts";

// The component alone, under Pulumi's mocks, with the shared stack's provider and default tags. The module
// is imported only after the mocks are set: a static import would register nothing.
const started = await startPulumiRecording({ stack: "shared" });
const { recording } = started;
const functionArn = `arn:aws:lambda:${mockRegion}:${mockAccountId}:function:silo-ledger-admin`;
let resources: RecordedResource[];
let provider: RecordedResource;

beforeAll(async () => {
  const aws = await import("@pulumi/aws");
  const { sharedTags } = await import("../../../components/common/siloTags.ts");
  const { LedgerSweepSchedule } = await import("../../../components/ledger/ledgerSweepSchedule.ts");
  const sharedProvider = new aws.Provider("shared-aws", {
    region: mockRegion,
    defaultTags: { tags: sharedTags() },
  });
  new LedgerSweepSchedule(
    "silo-shared-ledger-sweep",
    {
      aws: { accountId: mockAccountId, region: mockRegion, partition: "aws" },
      ledgerAdminFunctionArn: functionArn,
    },
    { providers: { aws: sharedProvider } },
  );
  await started.settle();
  provider = recording.named("pulumi:providers:aws", "shared-aws");
  resources = recording.descendantsOf(
    recording.named("silo:shared:LedgerSweepSchedule", "silo-shared-ledger-sweep"),
  );
}, 60_000);

function only(type: string): RecordedResource {
  const found = resources.filter((resource) => resource.type === type);
  expect(found, type).toHaveLength(1);
  return found[0] as RecordedResource;
}

describe("LedgerSweepSchedule", () => {
  it("is a schedule group, a role with its policy and a schedule, named after the component", () => {
    // Assess
    expect(resources.map((resource) => [resource.type, resource.name])).toEqual([
      ["aws:scheduler/scheduleGroup:ScheduleGroup", "silo-shared-ledger-sweep-group"],
      ["aws:iam/role:Role", "silo-shared-ledger-sweep-role"],
      ["aws:iam/rolePolicy:RolePolicy", "silo-shared-ledger-sweep-policy"],
      ["aws:scheduler/schedule:Schedule", "silo-shared-ledger-sweep-schedule"],
    ]);
  });

  it("invokes the ledger-admin Lambda with the sweep event every 5 minutes, through its own role", () => {
    // Act
    const schedule = only("aws:scheduler/schedule:Schedule");
    const group = only("aws:scheduler/scheduleGroup:ScheduleGroup");
    const role = only("aws:iam/role:Role");

    // Assess
    expect(schedule.inputs).toMatchObject({
      name: "silo-ledger-sweep",
      groupName: group.state.name,
      scheduleExpression: "rate(5 minutes)",
      flexibleTimeWindow: { mode: "OFF" },
      state: "ENABLED",
      target: {
        arn: functionArn,
        roleArn: role.state.arn,
        retryPolicy: { maximumEventAgeInSeconds: 300, maximumRetryAttempts: 2 },
      },
    });
    const target = schedule.inputs.target as { input: string };
    expect(JSON.parse(target.input)).toEqual({ action: "sweep" });
    expect(group.inputs.name).toBe("silo-shared");
  });

  it("gives its role lambda:InvokeFunction on exactly the ledger-admin function, assumable only by Scheduler", () => {
    // Act
    const role = only("aws:iam/role:Role");
    const policy = only("aws:iam/rolePolicy:RolePolicy");
    const document = JSON.parse(String(policy.inputs.policy)) as PolicyDocument;
    const trust = JSON.parse(String(role.inputs.assumeRolePolicy)) as PolicyDocument;

    // Assess
    expect(policy.inputs.role).toBe(role.state.name);
    expect(document.Statement).toEqual([
      {
        Sid: "InvokeLedgerAdmin",
        Effect: "Allow",
        Action: ["lambda:InvokeFunction"],
        Resource: [functionArn],
      },
    ]);
    expect(trust.Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: "scheduler.amazonaws.com" },
        Condition: {
          StringEquals: {
            "aws:SourceAccount": mockAccountId,
            "aws:SourceArn": `arn:aws:scheduler:${mockRegion}:${mockAccountId}:schedule-group/silo-shared`,
          },
        },
      }),
    ]);
  });

  it("creates the schedule only once its role may invoke the function", () => {
    // Act
    const schedule = only("aws:scheduler/schedule:Schedule");
    const policy = only("aws:iam/rolePolicy:RolePolicy");

    // Assess
    expect(schedule.dependencies).toContain(policy.urn);
  });

  it("tags the taggable parts (group and role) with silo:tenant shared through the provider's default tags", () => {
    // Assess
    expect(JSON.parse(String(provider.inputs.defaultTags)).tags).toMatchObject({
      "silo:tenant": "shared",
      "silo:kit": "silo-kit",
    });
    expect(resources.filter((resource) => !resource.provider.startsWith(`${provider.urn}::`))).toEqual([]);
  });

  it("refuses an interval Scheduler cannot run or that would hold budgets too long", async () => {
    // Prepare
    const { LedgerSweepSchedule } = await import("../../../components/ledger/ledgerSweepSchedule.ts");

    // Act
    const build = () =>
      new LedgerSweepSchedule("too-slow", {
        aws: { accountId: mockAccountId, region: mockRegion, partition: "aws" },
        ledgerAdminFunctionArn: functionArn,
        intervalMinutes: 90,
      });

    // Assess
    expect(build).toThrow(expect.objectContaining({ code: "LEDGER_SWEEP_INTERVAL_INVALID" }));
  });
});
