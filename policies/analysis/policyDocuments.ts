import { type AwsManagedPolicy, awsManagedPolicy } from "./awsManagedPolicies.ts";
import {
  type NormalisedStatement,
  noPrincipals,
  normaliseStatements,
  type StatementCondition,
  type StatementPrincipals,
  strings,
} from "./normaliseStatements.ts";

/**
 * What a document is to IAM, which decides how a rule reads it:
 * - `identity`: attached to a role, user or group (inline, or a customer managed `aws.iam.Policy`); its
 *   principal is whoever it is attached to;
 * - `trust`: a role's `assumeRolePolicy`: who may become the role;
 * - `resource`: a policy on a secret, bucket, function or API: names its principals, and `Resource: "*"`
 *   means that resource;
 * - `key`: a KMS key policy: like `resource`, and the root of the key's access (IAM counts only if it lets it);
 * - `grant`: a KMS grant, read as the statement it amounts to;
 * - `managed`: a managed policy attached by ARN; its statements are known only for the broad AWS managed
 *   policies of awsManagedPolicies.ts.
 */
export type PolicyDocumentKind = "identity" | "trust" | "resource" | "key" | "grant" | "managed";

/** One policy document a resource carries. */
export interface CarriedPolicyDocument {
  readonly kind: PolicyDocumentKind;
  /** The input that holds it, e.g. `policy`, `inlinePolicies[1].policy`, `managedPolicyArns[0]`. */
  readonly property: string;
  /**
   * Its statements; `undefined` when they cannot be read: a value still unknown during a preview, text that
   * is not JSON, or a managed policy the kit does not know.
   */
  readonly statements: readonly NormalisedStatement[] | undefined;
  /** For `managed`: the attached policy's ARN. */
  readonly policyArn?: string;
  /** For `managed`: the AWS managed policy it names, when the kit knows it. */
  readonly managedPolicy?: AwsManagedPolicy;
  /** For `identity` and `managed`: the roles, users or groups it is attached to, as the inputs name them. */
  readonly attachedTo: readonly string[];
}

/** A resource as a rule sees it: its type token and its inputs (`args.type`, `args.props`). */
export interface PolicyCarrier {
  readonly type: string;
  readonly props: Readonly<Record<string, unknown>>;
}

type Props = Readonly<Record<string, unknown>>;

function document(
  kind: PolicyDocumentKind,
  property: string,
  value: unknown,
  attachedTo: readonly string[] = [],
) {
  return {
    kind,
    property,
    statements: normaliseStatements(value),
    attachedTo,
  } satisfies CarriedPolicyDocument;
}

function managed(
  property: string,
  policyArn: unknown,
  attachedTo: readonly string[],
): CarriedPolicyDocument[] {
  if (typeof policyArn !== "string") {
    return [{ kind: "managed", property, statements: undefined, attachedTo }];
  }
  const known = awsManagedPolicy(policyArn);
  return [
    {
      kind: "managed",
      property,
      statements: known?.statements,
      policyArn,
      ...(known === undefined ? {} : { managedPolicy: known }),
      attachedTo,
    },
  ];
}

function roleDocuments(props: Props): CarriedPolicyDocument[] {
  const role = strings(props.name);
  const inline = [props.inlinePolicies ?? []].flat().flatMap((entry, index) => {
    const policy = (entry as { policy?: unknown } | null)?.policy;
    return policy === undefined
      ? []
      : [document("identity", `inlinePolicies[${index}].policy`, policy, role)];
  });
  const attached = [props.managedPolicyArns ?? []]
    .flat()
    .flatMap((arn, index) => managed(`managedPolicyArns[${index}]`, arn, role));
  return [document("trust", "assumeRolePolicy", props.assumeRolePolicy), ...inline, ...attached];
}

/** A KMS grant as the key-policy statement it amounts to: its grantee may call its operations on the key. */
function grantDocuments(props: Props): CarriedPolicyDocument[] {
  const key = strings(props.keyId);
  const conditions = [props.constraints ?? []].flat().flatMap((constraint) => {
    const record = (constraint ?? {}) as Record<string, unknown>;
    // Both constraints require each pair in the request's encryption context; `Equals` also forbids others.
    return Object.entries({
      ...((record.encryptionContextEquals as object | undefined) ?? {}),
      ...((record.encryptionContextSubset as object | undefined) ?? {}),
    }).map(([name, value]) => ({
      operator: "StringEquals",
      key: `kms:EncryptionContext:${name}`,
      values: strings(value),
    }));
  });
  const statement = (actions: string[], principal: unknown): NormalisedStatement => ({
    ...emptyStatement,
    actions,
    resources: key,
    principals: principalsOf(principal),
    conditions,
  });
  const statements = [
    statement(
      strings(props.operations).map((operation) => `kms:${operation}`),
      props.granteePrincipal,
    ),
  ];
  if (props.retiringPrincipal !== undefined) {
    statements.push({ ...statement(["kms:RetireGrant"], props.retiringPrincipal), conditions: [] });
  }
  return [{ kind: "grant", property: "operations", statements, attachedTo: [] }];
}

/** A Lambda permission as the function-policy statement Lambda writes for it. */
function permissionDocuments(props: Props): CarriedPolicyDocument[] {
  const [functionName] = strings(props.function);
  const qualifier = typeof props.qualifier === "string" ? `:${props.qualifier}` : "";
  const conditions: StatementCondition[] = [
    ["ArnLike", "AWS:SourceArn", props.sourceArn],
    ["StringEquals", "AWS:SourceAccount", props.sourceAccount],
    ["StringEquals", "aws:PrincipalOrgID", props.principalOrgId],
    ["StringEquals", "lambda:FunctionUrlAuthType", props.functionUrlAuthType],
  ]
    .filter(([, , value]) => typeof value === "string")
    .map(([operator, key, value]) => ({
      operator: String(operator),
      key: String(key),
      values: strings(value),
    }));
  const statement: NormalisedStatement = {
    ...emptyStatement,
    actions: strings(props.action),
    resources: functionName === undefined ? [] : [`${functionName}${qualifier}`],
    principals: principalsOf(props.principal),
    conditions,
  };
  return [{ kind: "resource", property: "principal", statements: [statement], attachedTo: [] }];
}

const emptyStatement: NormalisedStatement = {
  sid: undefined,
  effect: "Allow",
  actions: [],
  notActions: [],
  resources: [],
  notResources: [],
  principals: noPrincipals,
  notPrincipals: noPrincipals,
  conditions: [],
};

/** A principal given as one string (grants, Lambda permissions): `*`, a service, or an account or ARN. */
function principalsOf(principal: unknown): StatementPrincipals {
  if (typeof principal !== "string") return noPrincipals;
  if (principal === "*") return { ...noPrincipals, anyone: true };
  if (/\.amazonaws\.com(?:\.cn)?$/.test(principal)) return { ...noPrincipals, service: [principal] };
  return { ...noPrincipals, aws: [principal] };
}

const extractors: Readonly<Record<string, (props: Props) => CarriedPolicyDocument[]>> = {
  "aws:iam/rolePolicy:RolePolicy": (props) => [
    document("identity", "policy", props.policy, strings(props.role)),
  ],
  "aws:iam/userPolicy:UserPolicy": (props) => [
    document("identity", "policy", props.policy, strings(props.user)),
  ],
  "aws:iam/groupPolicy:GroupPolicy": (props) => [
    document("identity", "policy", props.policy, strings(props.group)),
  ],
  "aws:iam/policy:Policy": (props) => [document("identity", "policy", props.policy)],
  "aws:iam/role:Role": roleDocuments,
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": (props) =>
    managed("policyArn", props.policyArn, strings(props.role)),
  "aws:iam/userPolicyAttachment:UserPolicyAttachment": (props) =>
    managed("policyArn", props.policyArn, strings(props.user)),
  "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": (props) =>
    managed("policyArn", props.policyArn, strings(props.group)),
  "aws:iam/policyAttachment:PolicyAttachment": (props) =>
    managed("policyArn", props.policyArn, [
      ...strings(props.roles),
      ...strings(props.users),
      ...strings(props.groups),
    ]),
  "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive": (props) =>
    [props.policyArns ?? []]
      .flat()
      .flatMap((arn, index) => managed(`policyArns[${index}]`, arn, strings(props.roleName))),
  "aws:secretsmanager/secretPolicy:SecretPolicy": (props) => [document("resource", "policy", props.policy)],
  "aws:kms/key:Key": (props) => (props.policy === undefined ? [] : [document("key", "policy", props.policy)]),
  "aws:kms/keyPolicy:KeyPolicy": (props) => [document("key", "policy", props.policy)],
  "aws:kms/grant:Grant": grantDocuments,
  "aws:lambda/permission:Permission": permissionDocuments,
  "aws:s3/bucketPolicy:BucketPolicy": (props) => [document("resource", "policy", props.policy)],
  "aws:apigateway/restApiPolicy:RestApiPolicy": (props) => [document("resource", "policy", props.policy)],
  "aws:apigateway/restApi:RestApi": (props) =>
    props.policy === undefined ? [] : [document("resource", "policy", props.policy)],
};

/** The resource types {@link policyDocuments} reads. */
export const policyCarrierTypes: readonly string[] = Object.keys(extractors);

/**
 * Every policy document a resource carries, normalised, with its kind: inline and customer managed
 * policies, a role's trust policy, inline policies and managed policy ARNs, policy attachments, secret,
 * key, bucket and API policies, KMS grants and Lambda permissions (read as the statements they amount to).
 * A resource of another type carries none. An optional document that is absent (a key with the default
 * policy, an API without one) is left out; a required one that cannot be read is listed with `statements`
 * undefined, so a rule can say so rather than pass it.
 *
 * @example
 * policyDocuments({ type: "aws:iam/role:Role", props: { name: "silo-acme-chat", assumeRolePolicy: trust, managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] } });
 * // [{ kind: "trust", property: "assumeRolePolicy", ... }, { kind: "managed", property: "managedPolicyArns[0]", managedPolicy: { name: "AdministratorAccess", ... }, ... }]
 */
export function policyDocuments(resource: PolicyCarrier): CarriedPolicyDocument[] {
  return extractors[resource.type]?.(resource.props) ?? [];
}
