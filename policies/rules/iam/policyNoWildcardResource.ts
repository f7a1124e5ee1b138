import type { ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import { iamWildcardMatches } from "../../analysis/iamWildcard.ts";
import { actionService, notActionExcludesService } from "../../analysis/matchAction.ts";
import { resourceMatches } from "../../analysis/matchResource.ts";
import type { NormalisedStatement } from "../../analysis/normaliseStatements.ts";
import { type CarriedPolicyDocument, policyDocuments } from "../../analysis/policyDocuments.ts";
import { addGrant } from "../addGrant.ts";
import type { SiloResourcePolicy } from "../siloPolicy.ts";
import { documentOrigin } from "./documentOrigin.ts";

/** Services whose grants must name the tenant's own resources: a `*` would reach every tenant's. */
export const tenantScopedServices = ["bedrock", "secretsmanager", "kms", "rds", "rds-db"] as const;
type TenantScopedService = (typeof tenantScopedServices)[number];

/** A made-up resource of each service that no tenant-scoped grant names (the part after `<account>:`). */
const probeResources: Readonly<Record<TenantScopedService, string>> = {
  bedrock: "application-inference-profile/zz-probe",
  secretsmanager: "secret:zz-probe-AbCdEf",
  kms: "key/zz-probe",
  rds: "db:zz-probe",
  "rds-db": "dbuser:db-ZZPROBE/zz_probe",
};

/**
 * Whether a resource pattern covers every resource of the service in its partition, Region and account
 * (`*`, `arn:aws:secretsmanager:*:*:secret:*`, `arn:aws:kms:us-east-1:123456789012:key/*`): it then covers
 * a made-up resource there too.
 */
function coversEveryResource(pattern: string, service: TenantScopedService): boolean {
  const [, partition = "aws", , region = "", account = ""] = pattern.startsWith("arn:")
    ? pattern.split(":")
    : [];
  const field = (value: string, fallback: string) => (value === "" || /[*?]/.test(value) ? fallback : value);
  const probe = `arn:${field(partition, "aws")}:${service}:${field(region, "us-west-2")}:${field(account, "000000000000")}:${probeResources[service]}`;
  return resourceMatches(pattern, probe);
}

/** The statement's action patterns (or its NotAction) that reach a service, as the message names them. */
function actionsIn(statement: NormalisedStatement, service: TenantScopedService): string[] {
  if (statement.notActions.length > 0) {
    const excluded = statement.notActions.some((pattern) => notActionExcludesService(pattern, service));
    return excluded
      ? []
      : [
          `every action but ${statement.notActions.map((action) => JSON.stringify(action)).join(", ")} (NotAction)`,
        ];
  }
  return statement.actions.filter((action) =>
    iamWildcardMatches(actionService(action), service, { ignoreCase: true }),
  );
}

function checkDocument(document: CarriedPolicyDocument, reportViolation: ReportViolation): void {
  const through = documentOrigin(document);
  for (const statement of document.statements ?? []) {
    if (statement.effect !== "Allow") continue;
    for (const service of tenantScopedServices) {
      const actions = actionsIn(statement, service);
      if (actions.length === 0) continue;
      const resources =
        statement.notResources.length > 0
          ? [
              `every resource but ${statement.notResources.map((r) => JSON.stringify(r)).join(", ")} (NotResource)`,
            ]
          : statement.resources
              .filter((pattern) => coversEveryResource(pattern, service))
              .map((pattern) => `resource ${JSON.stringify(pattern)}`);
      for (const resource of resources) {
        for (const action of actions) {
          reportViolation(`allows ${action} on ${resource}${through}; name the tenant's own resource ARNs.`);
        }
      }
    }
  }
}

/**
 * Isolation between silos rests on IAM naming each tenant's key, secrets, database and inference profiles:
 * no identity policy a resource carries (role, user and group policies, a role's inline policies, AWS
 * managed policies attached by ARN as what they grant; policies/analysis/) allows an action of those
 * services, by any spelling (`KMS:Decrypt`, `kms:*`, `*`, `NotAction`), on every resource of the service
 * (`*`, `arn:aws:secretsmanager:*:*:secret:*`, `arn:aws:kms:<region>:<account>:key/*`, `NotResource`).
 *
 * Severity: critical. Controls: FSBP IAM.1; NIST 800-53 AC-3, AC-4, AC-6.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
 */
export const policyNoWildcardResource: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-iam-policy-no-wildcard-resource",
  description: `IAM identity policies (inline, managed, or AWS managed by attachment) must not allow ${tenantScopedServices.join(", ")} actions on every resource of the service (\`*\`, a wildcard ARN, or \`NotResource\`).`,
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["fsbp:IAM.1", "nist:AC-3", "nist:AC-4", "nist:AC-6"],
  url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
  mutations: [
    {
      type: "aws:iam/rolePolicy:RolePolicy",
      change: "kms:Decrypt on resource *",
      mutate: (inputs) => addGrant(inputs, { Effect: "Allow", Action: "kms:Decrypt", Resource: "*" }),
    },
    {
      type: "aws:iam/rolePolicy:RolePolicy",
      change: "SecretsManager:GetSecretValue on every secret by a wildcard ARN",
      mutate: (inputs) =>
        addGrant(inputs, {
          Effect: "Allow",
          Action: "SecretsManager:GetSecretValue",
          Resource: "arn:aws:secretsmanager:*:*:secret:*",
        }),
    },
    {
      type: "aws:iam/role:Role",
      change: "SecretsManagerReadWrite attached by ARN",
      mutate: (inputs) => ({
        ...inputs,
        managedPolicyArns: ["arn:aws:iam::aws:policy/SecretsManagerReadWrite"],
      }),
    },
  ],
  validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    const documents = policyDocuments({ type: args.type, props: args.props }).filter(
      (document) => document.kind === "identity" || document.kind === "managed",
    );
    if (documents.length === 0) {
      args.notApplicable("the resource carries no IAM identity policy");
      return;
    }
    for (const document of documents) checkDocument(document, reportViolation);
  },
};
