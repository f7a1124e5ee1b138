import type { tiers } from "../../../tenants/tiers.ts";

/** Values for a new tenant file. */
export interface TenantTemplateArgs {
  /** The tenant id; also the file name. */
  readonly id: string;
  /** Service tier. */
  readonly tier: (typeof tiers)[number];
  /**
   * Human-readable name.
   * @default the id
   */
  readonly displayName?: string;
  /**
   * Owner contact email.
   * @default owner@<id>.example, a placeholder to replace before onboarding
   */
  readonly ownerEmail?: string;
}

/**
 * Renders a commented tenant file that passes validation as written, documenting each field and its
 * default so the engineer onboarding the tenant edits values instead of guessing keys. Regulated tenants
 * get the stricter settings their tier requires (a security contact, longer retention, Multi-AZ).
 *
 * @example
 * await writeFile("tenants/acme2.yaml", renderTenantTemplate({ id: "acme2", tier: "standard" }), { flag: "wx" });
 */
export function renderTenantTemplate(args: TenantTemplateArgs): string {
  const { id, tier } = args;
  const regulated = tier === "regulated";
  const displayName = JSON.stringify(args.displayName ?? id);
  const ownerEmail = args.ownerEmail ?? `owner@${id}.example`;
  const securityContact = regulated
    ? `
  - name: ${id} security office
    email: security@${id}.example # placeholder: replace before onboarding
    role: security # required for tier regulated`
    : "";
  return `# Tenant ${id}: one silo (database, KMS key, secrets, Lambdas, Bedrock profiles, HTTP API).
# Validated by tenants/schema.ts: run \`npx silo tenants validate\` after editing.
# Deploy: pulumi stack init tenant-${id} && pulumi up --stack tenant-${id} (see docs/onboarding.md).
id: ${id} # must equal the file name
displayName: ${displayName}
tier: ${tier} # standard | regulated
dataClassification: ${regulated ? "restricted" : "confidential"} # internal | confidential | restricted (default confidential)
contacts: # at least one owner${regulated ? "; tier regulated also needs a security contact" : ""}
  - name: ${id} platform owner
    email: ${ownerEmail}${args.ownerEmail ? "" : " # placeholder: replace before onboarding"}
    role: owner # owner | security | billing | technical${securityContact}
models:
  # The only models this tenant may call. provider: bedrock | openai-compatible | echo.
  # Each bedrock model gets its own application inference profile tagged with the tenant.
  allowlist:
    - key: nova-lite
      provider: bedrock
      modelId: amazon.nova-lite-v1:0
    - key: claude-haiku
      provider: bedrock
      modelId: us.anthropic.claude-3-5-haiku-20241022-v1:0
  defaultModel: nova-lite # must be a key in the allowlist
limits:
  monthlyBudgetUsd: ${regulated ? 5000 : 100} # hard block when reached (default 100)
  requestsPerSecond: 10 # stage throttling rate (default 10)
  burst: 20 # stage throttling burst, at least requestsPerSecond (default 20)
  maxTokensPerRequest: 4096 # default 4096
  reservedConcurrency: 5 # per Lambda: caps this tenant's blast radius and guarantees its capacity (default: 5 for regulated, none for standard; counts against the account's quota)
database:
  instanceClass: ${regulated ? "db.t4g.medium" : "db.t4g.micro"} # default db.t4g.micro
  allocatedStorageGb: 20 # 20-65536 (default 20)
  backupRetentionDays: ${regulated ? 35 : 7} # 1-35 (default 7)
  multiAz: ${regulated} # default false
  deletionProtection: true # default true; tier regulated requires true
network: ${regulated ? "dedicated" : "shared"} # shared | dedicated (default shared)
logRetentionDays: ${regulated ? 365 : 30} # a CloudWatch Logs retention period (default 30)
dataRetentionDays: ${regulated ? 2555 : 90} # conversations and messages older than this are purged (default 90)
`;
}
