/** A resource as the offline plan records it: enough to tell whether it is, or carries, a secret. */
export interface SecretCandidate {
  readonly type: string;
  /** False for a component resource: its children are judged, not it. */
  readonly custom: boolean;
  readonly name: string;
  readonly inputs: Readonly<Record<string, unknown>>;
}

/** How one kind of stack resource maps to its row in docs/secrets.md. */
export interface StackSecretRule {
  /** The Pulumi type token. */
  readonly type: string;
  /** The logical name, with `<tenant>` for any tenant id and `*` for any suffix. */
  readonly name: string;
  /** The row of docs/secrets.md (its stable id). */
  readonly inventoryId: string;
}

/**
 * Every secret, key and certificate the kit's stacks create or refer to, by type token and logical name,
 * with its row in docs/secrets.md. A test records the shared stack and every example tenant's stack under
 * Pulumi's mocks and fails on any secret-bearing resource ({@link isSecretBearing}) that no rule here covers.
 */
export const stackSecretRules: readonly StackSecretRule[] = [
  { type: "aws:kms/key:Key", name: "silo-shared-key-key", inventoryId: "aws-kms-shared" },
  { type: "aws:kms/key:Key", name: "<tenant>-key-key", inventoryId: "aws-kms-tenant" },
  {
    type: "aws:rds/instance:Instance",
    name: "silo-shared-ledger-db-instance",
    inventoryId: "aws-ledger-db-master",
  },
  {
    type: "aws:rds/instance:Instance",
    name: "<tenant>-database-postgres-instance",
    inventoryId: "aws-tenant-db-master",
  },
  {
    type: "random:index/randomPassword:RandomPassword",
    name: "<tenant>-secrets-ledger-password",
    inventoryId: "aws-tenant-ledger-role",
  },
  {
    type: "aws:secretsmanager/secret:Secret",
    name: "<tenant>-secrets-ledger-role",
    inventoryId: "aws-tenant-ledger-role",
  },
  {
    type: "aws:secretsmanager/secretVersion:SecretVersion",
    name: "<tenant>-secrets-ledger-role-value",
    inventoryId: "aws-tenant-ledger-role",
  },
  {
    type: "aws:secretsmanager/secret:Secret",
    name: "<tenant>-secrets-provider-*",
    inventoryId: "aws-tenant-provider-key",
  },
  {
    type: "aws:apigatewayv2/domainName:DomainName",
    name: "silo-shared-domain-domain",
    inventoryId: "aws-api-certificate",
  },
];

/** Types that are a secret, key or certificate themselves. */
const secretTypes = new Set([
  "aws:secretsmanager/secret:Secret",
  "aws:kms/key:Key",
  "aws:kms/externalKey:ExternalKey",
  "aws:kms/replicaKey:ReplicaKey",
  "aws:acm/certificate:Certificate",
  "aws:acmpca/certificateAuthority:CertificateAuthority",
  "aws:iam/accessKey:AccessKey",
  "aws:iam/userLoginProfile:UserLoginProfile",
  "aws:iam/serverCertificate:ServerCertificate",
  "aws:apigateway/clientCertificate:ClientCertificate",
  "aws:apigateway/apiKey:ApiKey",
  "aws:ssm/parameter:Parameter",
  "random:index/randomPassword:RandomPassword",
  "tls:index/privateKey:PrivateKey",
]);

/** Input properties through which a resource holds or refers to a credential or certificate. */
const secretInputs = [
  "manageMasterUserPassword",
  "masterPassword",
  "password",
  "certificateArn",
  "domainNameConfiguration.certificateArn",
  "regionalCertificateArn",
];

/** Types whose token looks like a secret's but that hold none: who may read a secret is its policy. */
const notSecretTypes = new Set(["aws:secretsmanager/secretPolicy:SecretPolicy"]);

/** A type token that looks like a secret even when {@link secretTypes} does not know it yet. */
const secretLikeType = /secret|password|privatekey|accesskey|certificate|kms\/(key|externalKey)|tls:/i;

/**
 * True for a resource that is a secret, key or certificate, or that holds a credential of its own (an RDS
 * instance whose master password RDS manages, a custom domain with its certificate).
 *
 * @example
 * isSecretBearing({ type: "aws:kms/key:Key", custom: true, name: "globex-key-key", inputs: {} }); // true
 */
export function isSecretBearing(resource: SecretCandidate): boolean {
  if (!resource.custom || notSecretTypes.has(resource.type)) return false;
  if (secretTypes.has(resource.type) || secretLikeType.test(resource.type)) return true;
  return secretInputs.some((path) => {
    const value = valueAt(resource.inputs, path);
    return value !== undefined && value !== false;
  });
}

/**
 * The docs/secrets.md row of a recorded resource, or undefined when no rule covers it.
 *
 * @example
 * stackSecretInventoryId({ type: "aws:kms/key:Key", custom: true, name: "globex-key-key", inputs: {} }, ["globex"]);
 */
export function stackSecretInventoryId(
  resource: SecretCandidate,
  tenantIds: readonly string[],
): string | undefined {
  return stackSecretRules.find(
    (rule) => rule.type === resource.type && namePattern(rule.name, tenantIds).test(resource.name),
  )?.inventoryId;
}

function namePattern(name: string, tenantIds: readonly string[]): RegExp {
  const escaped = name.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
  const tenants = tenantIds.map((id) => id.replace(/[.+?^${}()|[\]\\-]/g, "\\$&")).join("|");
  return new RegExp(`^${escaped.replace("<tenant>", `(?:${tenants})`).replace("*", ".+")}$`);
}

function valueAt(inputs: Readonly<Record<string, unknown>>, path: string): unknown {
  let value: unknown = inputs;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
