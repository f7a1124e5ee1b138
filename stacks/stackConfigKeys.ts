/** Which stacks read a config key. */
export type StackKind = "shared" | "tenant";

/** One stack config key: the single place a key is named, described and defaulted. */
export interface StackConfigKey {
  /** `namespace:name`, as in `pulumi config set`. */
  readonly key: string;
  readonly stacks: readonly StackKind[];
  readonly required: boolean;
  /** What applies when the key is not set; undefined for required keys. */
  readonly defaultValue?: string;
  readonly description: string;
  /** A value that would pass, used in error messages' fixes and the docs. */
  readonly example: string;
}

/**
 * Every config key the stacks read. docs/stacks.md lists the same table, and a test keeps the two equal.
 * A `silo:` key not listed here (a typo) fails the stack.
 */
export const stackConfigKeys: readonly StackConfigKey[] = [
  {
    key: "aws:region",
    stacks: ["shared", "tenant"],
    required: true,
    description: "AWS Region of the stack; tenant stacks must use the shared stack's Region",
    example: "us-east-1",
  },
  {
    key: "silo:environment",
    stacks: ["shared", "tenant"],
    required: false,
    defaultValue: "production",
    description: "`SILO_ENVIRONMENT` of the tenant Lambdas: production or staging",
    example: "staging",
  },
  {
    key: "silo:lambdaCode",
    stacks: ["shared", "tenant"],
    required: false,
    defaultValue: "build",
    description:
      "build: bundle the Lambdas from the working tree on every run; prebuilt: deploy dist/lambda as built by CI",
    example: "prebuilt",
  },
  {
    key: "silo:deployerRoleArn",
    stacks: ["shared", "tenant"],
    required: false,
    defaultValue: "(the IAM role the deployment runs as)",
    description:
      "IAM role that deploys and operates the stack: besides the stack's own roles, the only principal that may use its KMS key, and only through RDS, Secrets Manager and Lambda",
    example: "arn:aws:iam::123456789012:role/silo-deployer",
  },
  {
    key: "silo:jwtIssuer",
    stacks: ["shared"],
    required: true,
    description: "the `iss` your identity provider puts in access tokens",
    example: "https://idp.example.com/",
  },
  {
    key: "silo:jwtAudience",
    stacks: ["shared"],
    required: true,
    description: "accepted `aud` values, comma-separated",
    example: "silo-api",
  },
  {
    key: "silo:jwksUrl",
    stacks: ["shared"],
    required: true,
    description: "the identity provider's JWKS endpoint (https)",
    example: "https://idp.example.com/.well-known/jwks.json",
  },
  {
    key: "silo:jwtAlgorithms",
    stacks: ["shared"],
    required: false,
    defaultValue: "RS256",
    description: "accepted signature algorithms, comma-separated (asymmetric only)",
    example: "RS256,ES256",
  },
  {
    key: "silo:jwtTyp",
    stacks: ["shared"],
    required: false,
    defaultValue: "at+jwt",
    description: "required `typ` header of access tokens",
    example: "at+jwt",
  },
  {
    key: "silo:tenantClaim",
    stacks: ["shared"],
    required: false,
    defaultValue: "tenant_id",
    description: "claim holding the tenant id",
    example: "https://example.com/tenant",
  },
  {
    key: "silo:scopeClaim",
    stacks: ["shared"],
    required: false,
    defaultValue: "scope",
    description: "claim holding the scopes",
    example: "permissions",
  },
  {
    key: "silo:authorizerCacheTtlSeconds",
    stacks: ["shared"],
    required: false,
    defaultValue: "60",
    description:
      "how long API Gateway caches an authorizer decision, 0 to 300 (0 turns caching off); a token works until exp + 5 s + this",
    example: "60",
  },
  {
    key: "silo:domainName",
    stacks: ["shared"],
    required: false,
    defaultValue: "(none: each tenant API keeps its execute-api endpoint)",
    description: "shared custom domain of the tenant APIs, mapped at /<tenant>; needs silo:certificateArn",
    example: "api.example.com",
  },
  {
    key: "silo:certificateArn",
    stacks: ["shared"],
    required: false,
    defaultValue: "(none)",
    description: "ACM certificate of silo:domainName, in the stack's Region",
    example: "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000",
  },
  {
    key: "silo:vpcCidr",
    stacks: ["shared", "tenant"],
    required: false,
    defaultValue: "10.0.0.0/16 (shared); none (tenant)",
    description:
      "address range of the shared VPC, or of a tenant's own VPC (required for, and only allowed with, network: dedicated)",
    example: "10.20.0.0/16",
  },
  {
    key: "silo:availabilityZoneCount",
    stacks: ["shared"],
    required: false,
    defaultValue: "2",
    description: "Availability Zones of the shared VPC's private subnets, 2 to 4",
    example: "3",
  },
  {
    key: "silo:natGateways",
    stacks: ["shared"],
    required: false,
    defaultValue: "none",
    description:
      "none (isolated private subnets, AWS services through VPC endpoints), single or onePerAz (internet egress for openai-compatible models)",
    example: "single",
  },
  {
    key: "silo:logRetentionDays",
    stacks: ["shared"],
    required: false,
    defaultValue: "365",
    description: "retention of the shared log groups (a CloudWatch Logs retention period)",
    example: "731",
  },
  {
    key: "silo:ledgerInstanceClass",
    stacks: ["shared"],
    required: false,
    defaultValue: "db.t4g.small",
    description: "RDS instance class of the usage ledger",
    example: "db.r6g.large",
  },
  {
    key: "silo:ledgerMultiAz",
    stacks: ["shared"],
    required: false,
    defaultValue: "false",
    description: "run the usage ledger Multi-AZ",
    example: "true",
  },
  {
    key: "silo:ledgerBackupRetentionDays",
    stacks: ["shared"],
    required: false,
    defaultValue: "35",
    description:
      "days of usage-ledger backups, 1 to 35 (35 by default: the ledger is finance's record, and the regulated policy profile asks for 35)",
    example: "14",
  },
  {
    key: "silo:ledgerDeletionProtection",
    stacks: ["shared"],
    required: false,
    defaultValue: "true",
    description: "deletion protection of the usage ledger",
    example: "true",
  },
  {
    key: "silo:ledgerSweepIntervalMinutes",
    stacks: ["shared"],
    required: false,
    defaultValue: "5",
    description:
      "minutes between sweeps that expire dangling usage-ledger reservations (crash between reserve and settle), 1 to 60",
    example: "10",
  },
  {
    key: "silo:sharedStack",
    stacks: ["tenant"],
    required: false,
    defaultValue: "<organization>/<project>/shared",
    description: "the shared stack a tenant stack reads through its StackReference",
    example: "acme-platform/silo-kit/shared",
  },
];
