/** How far one capability of the kit has been verified, and by which test files. */
export interface Verification {
  /** What the client team relies on, as docs/handoff.md names it. */
  readonly capability: string;
  /** Test files that run the stacks' programs under `pulumi.runtime.setMocks` (or the policy pack over them). */
  readonly underMocks: readonly string[];
  /** Test files that exercise it against fakes of AWS (aws-sdk-client-mock, a fake workspace, a fake cloud). */
  readonly againstFakes: readonly string[];
  /** Test files that run it locally against the real platform (embedded Postgres, real HTTP, real IdP). */
  readonly locally: readonly string[];
  /** What was run in a real AWS account; nothing, in this version of the kit. */
  readonly inAws: "not run";
}

/**
 * What the builders verified and how, one row per capability: docs/handoff.md's "What was verified how"
 * table is rendered from this list, and a test checks that every file named here exists and that the
 * table in the doc is the rendering of this list. Nothing has been run in a real AWS account.
 */
export const verifications: readonly Verification[] = [
  {
    capability: "stacks: shared and tenant resources, names, tags, isolation",
    underMocks: ["test/stacks/index.test.ts", "test/components/tenant/tenantSilo.test.ts"],
    againstFakes: [],
    locally: [],
    inAws: "not run",
  },
  {
    capability: "policy pack: every rule, every example stack with zero violations",
    underMocks: [
      "test/policies/sharedStack.test.ts",
      "test/policies/tenantStacks.test.ts",
      "test/runtime/plan/keyPolicyPrincipals.test.ts",
    ],
    againstFakes: ["test/policies/rules/allRules.test.ts"],
    locally: [],
    inAws: "not run",
  },
  {
    capability: "offline plan (`silo plan`)",
    underMocks: ["test/runtime/cli/commands/plan.test.ts"],
    againstFakes: [],
    locally: [],
    inAws: "not run",
  },
  {
    capability: "fleet deploy (`silo deploy`)",
    underMocks: [],
    againstFakes: [
      "test/runtime/fleet/deployFleet.test.ts",
      "test/runtime/cli/commands/deploy.test.ts",
      "test/runtime/fleet/localStackWorkspaces.test.ts",
    ],
    locally: [],
    inAws: "not run",
  },
  {
    capability: "offboarding (`silo tenants offboard`)",
    underMocks: [],
    againstFakes: [
      "test/runtime/fleet/offboard/offboardTenant.test.ts",
      "test/runtime/fleet/offboard/awsOffboardingCloud.test.ts",
      "test/runtime/cli/commands/tenantsOffboard.test.ts",
    ],
    locally: ["test/runtime/local/localExportDownload.test.ts"],
    inAws: "not run",
  },
  {
    capability: "edge authorizer: tokens, attacks, key rotation, IdP outage",
    underMocks: [],
    againstFakes: [
      "test/runtime/authorizer/adversarial.test.ts",
      "test/runtime/authorizer/handler.test.ts",
      "test/runtime/authorizer/rotationAndOutage.test.ts",
    ],
    locally: [
      "test/reliability/signingKeyRotation.test.ts",
      "test/runtime/local/localOpenIdProvider.test.ts",
    ],
    inAws: "not run",
  },
  {
    capability: "tenant API, isolation between silos, OpenAI-compatible clients",
    underMocks: [],
    againstFakes: [],
    locally: ["test/runtime/local/localPlatform.test.ts", "test/clients/tenantAppClients.test.ts"],
    inAws: "not run",
  },
  {
    capability: "usage ledger: metering, budgets, ledger admin",
    underMocks: ["test/components/ledger/tenantLedgerEnrollment.test.ts"],
    againstFakes: ["test/runtime/ledgerAdmin/handler.test.ts"],
    locally: [
      "test/runtime/core/ledger/createUsageLedger.test.ts",
      "test/reliability/ledgerUnavailable.test.ts",
    ],
    inAws: "not run",
  },
  {
    capability: "database credential rotation under traffic",
    underMocks: [],
    againstFakes: ["test/runtime/core/db/createDatabase.test.ts"],
    locally: ["test/reliability/credentialRotation.test.ts", "test/docs/runbooks.test.ts"],
    inAws: "not run",
  },
  {
    capability: "runbooks (all six, their local steps)",
    underMocks: [],
    againstFakes: [],
    locally: ["test/docs/runbooks.test.ts"],
    inAws: "not run",
  },
  {
    capability: "smoke suite (`silo smoke`) and `get-token.sh`",
    underMocks: [],
    againstFakes: ["test/runtime/smoke/runSmoke.test.ts"],
    locally: ["test/runtime/cli/commands/smoke.test.ts", "test/runtime/smoke/getTokenScript.test.ts"],
    inAws: "not run",
  },
  {
    capability: "secrets inventory (docs/secrets.md) against stacks and local data dir",
    underMocks: ["test/docs/secrets.test.ts"],
    againstFakes: [],
    locally: ["test/runtime/local/localSecretFiles.test.ts"],
    inAws: "not run",
  },
];

/**
 * The "What was verified how" table of docs/handoff.md, rendered from {@link verifications}.
 *
 * @example
 * renderVerificationTable(verifications).split("\n")[0]; // "| Capability | Under Pulumi mocks | ..."
 */
export function renderVerificationTable(rows: readonly Verification[]): string {
  const files = (paths: readonly string[]) =>
    paths.length === 0 ? "-" : paths.map((path) => `[${path.split("/").at(-1)}](../${path})`).join(", ");
  return [
    "| Capability | Under Pulumi mocks | Against fakes of AWS | Locally, real platform | In real AWS |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map(
      (row) =>
        `| ${row.capability} | ${files(row.underMocks)} | ${files(row.againstFakes)} | ${files(row.locally)} | ${row.inAws} |`,
    ),
  ].join("\n");
}
