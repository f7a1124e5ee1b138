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
    key: "silo:identityProfile",
    stacks: ["shared"],
    required: false,
    defaultValue: "generic",
    description:
      "how your identity provider shapes access tokens: generic, clerk, cognito, auth0, entra, okta or keycloak; presets every identity setting below (docs/identity.md)",
    example: "auth0",
  },
  {
    key: "silo:oidcIssuer",
    stacks: ["shared"],
    required: false,
    defaultValue: "(unset: silo:jwtIssuer and silo:jwksUrl)",
    description:
      "the issuer to discover (`/.well-known/openid-configuration`): its `issuer` must equal this exactly, its `jwks_uri` is used",
    example: "https://acme.eu.auth0.com/",
  },
  {
    key: "silo:jwtIssuer",
    stacks: ["shared"],
    required: true,
    description:
      "the `iss` your identity provider puts in access tokens; `{tenantid}` in it for Entra multi-tenant apps (with silo:issuerDirectories) (required unless silo:oidcIssuer is set)",
    example: "https://idp.example.com/",
  },
  {
    key: "silo:jwksUrl",
    stacks: ["shared"],
    required: true,
    description: "the identity provider's JWKS endpoint (https) (required unless silo:oidcIssuer is set)",
    example: "https://idp.example.com/.well-known/jwks.json",
  },
  {
    key: "silo:jwtAudience",
    stacks: ["shared"],
    required: true,
    description: "accepted `aud` values, comma-separated (required unless silo:authorizedParties is set)",
    example: "silo-api",
  },
  {
    key: "silo:authorizedParties",
    stacks: ["shared"],
    required: false,
    defaultValue: "(no check; required by clerk and cognito)",
    description:
      "client applications (Clerk: origins) whose tokens are accepted, comma-separated; checked against the profile's authorized-party claim",
    example: "6n1c3nq0t8h2l0m4k2p1r5s7u9",
  },
  {
    key: "silo:authorizedPartyClaim",
    stacks: ["shared"],
    required: false,
    defaultValue: "the profile's (azp; client_id for cognito, cid for okta)",
    description: "claim naming the client a token was issued to",
    example: "azp",
  },
  {
    key: "silo:issuerDirectories",
    stacks: ["shared"],
    required: false,
    defaultValue: "(none)",
    description:
      "directory ids whose tokens are accepted when silo:jwtIssuer holds `{tenantid}`, comma-separated",
    example: "9188040d-6c67-4c5b-b112-36a304b66dad",
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
    defaultValue: "the profile's (generic: at+jwt)",
    description: "the `typ` header access tokens must have; `any`, or `absent` for none",
    example: "at+jwt",
  },
  {
    key: "silo:tokenUse",
    stacks: ["shared"],
    required: false,
    defaultValue: "the profile's (cognito: access)",
    description: "the `token_use` claim tokens must have; `none` for no check",
    example: "access",
  },
  {
    key: "silo:tenantSource",
    stacks: ["shared"],
    required: false,
    defaultValue: "the profile's (generic: claim)",
    description:
      "where the tenant comes from: claim, prefixed-entry (an entry of an array claim) or organization (the IdP's organisation id, mapped by the tenant file's identity.organizationId)",
    example: "organization",
  },
  {
    key: "silo:tenantClaim",
    stacks: ["shared"],
    required: false,
    defaultValue: "the profile's (generic: tenant_id)",
    description:
      "claim paths holding the tenant, comma-separated, first present wins (dots nest; URL-named claims are literal)",
    example: "https://example.com/tenant",
  },
  {
    key: "silo:tenantPrefix",
    stacks: ["shared"],
    required: false,
    defaultValue: "the profile's (entra: silo-tenant:)",
    description: "with silo:tenantSource prefixed-entry: the prefix of the entry naming the tenant",
    example: "silo-tenant:",
  },
  {
    key: "silo:scopeClaims",
    stacks: ["shared"],
    required: false,
    defaultValue: "the profile's (generic: scope)",
    description: "claim paths holding scopes, comma-separated, combined",
    example: "scp,roles",
  },
  {
    key: "silo:scopePrefix",
    stacks: ["shared"],
    required: false,
    defaultValue: "the profile's (cognito: silo/)",
    description: "only scopes with this prefix count, without it; `none` for no prefix",
    example: "silo/",
  },
  {
    key: "silo:scopeFormat",
    stacks: ["shared"],
    required: false,
    defaultValue: "the profile's (clerk: clerk)",
    description: "standard (OAuth scopes) or clerk (Clerk organisation permissions)",
    example: "standard",
  },
  {
    key: "silo:jwtMaxAgeSeconds",
    stacks: ["shared"],
    required: false,
    defaultValue: "the profile's (generic: 3600)",
    description: "the oldest `iat` accepted, in seconds",
    example: "5400",
  },
  {
    key: "silo:accountConcurrencyLimit",
    stacks: ["tenant"],
    required: false,
    defaultValue: "1000",
    description:
      "the account's Lambda concurrent-executions quota (Service Quotas); the tenants' reserved concurrency must leave 100 of it unreserved, checked before deploying",
    example: "1000",
  },
  {
    key: "silo:quotas",
    stacks: ["shared", "tenant"],
    required: false,
    defaultValue: "(AWS's defaults)",
    description:
      "the account's raised AWS quotas, a map of quota id to value (ids in docs/scale.md); `silo plan` checks the fleet against them",
    example: '{"rds-db-instances": 200}',
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
    key: "silo:dedicatedCidrPool",
    stacks: ["shared"],
    required: false,
    defaultValue: "10.16.0.0/12",
    description:
      "address range every dedicated tenant VPC (silo:vpcCidr of a tenant stack) is carved from; routed to the Transit Gateway as one block, must not overlap silo:vpcCidr",
    example: "10.16.0.0/12",
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
