import {
  type ForeignTenantOptions,
  type ForeignTenantReach,
  foreignTenantReach,
} from "./foreignTenantResources.ts";
import { iamWildcardMatches } from "./iamWildcard.ts";
import { statementActsInService } from "./matchAction.ts";
import type { NormalisedStatement } from "./normaliseStatements.ts";
import type { CarriedPolicyDocument } from "./policyDocuments.ts";

/**
 * Services whose resources are per tenant in the kit (secrets, keys, databases and their IAM users, model
 * profiles, functions, log groups, roles): a grant in them on `*` reaches every tenant's. Other services'
 * grants on `*` (the ENI calls of a Lambda in a VPC, which take no resource ARN) do not.
 */
export const tenantResourceServices = [
  "secretsmanager",
  "kms",
  "rds",
  "rds-db",
  "bedrock",
  "lambda",
  "logs",
  "iam",
] as const;

/** One place an Allow statement reaches another tenant's silo. */
export interface ForeignTenantGrant {
  readonly statement: NormalisedStatement;
  /**
   * Which element says it: a `Resource`, a `NotResource` (everything but), a principal, or a condition on
   * the resource's `silo:tenant` tag (`aws:ResourceTag/silo:tenant` naming another tenant).
   */
  readonly element: "resource" | "notResource" | "principal" | "condition";
  /** The string as written, e.g. `arn:aws:secretsmanager:*:*:secret:*`. */
  readonly text: string;
  readonly reach: ForeignTenantReach;
}

/**
 * Where a document of tenant `ownTenant`'s stack lets something reach another tenant's silo: an Allow
 * statement acting in a {@link tenantResourceServices} service on another tenant's resources (by name or
 * wildcard, or through `NotResource`), or a resource, key or trust policy letting another tenant's role, or
 * anyone, in. In key and resource policies `Resource: "*"` is the resource itself and is not counted.
 *
 * @example
 * foreignTenantGrants(policyDocuments({ type: "aws:iam/rolePolicy:RolePolicy", props })[0], "globex");
 * // [{ element: "resource", text: "arn:aws:secretsmanager:*:*:secret:*", reach: { reason: "wildcard", ... } }]
 */
export function foreignTenantGrants(
  carried: CarriedPolicyDocument,
  ownTenant: string,
  options: ForeignTenantOptions = {},
): ForeignTenantGrant[] {
  const onResource = carried.kind === "key" || carried.kind === "resource" || carried.kind === "grant";
  return (carried.statements ?? [])
    .filter((statement) => statement.effect === "Allow")
    .flatMap((statement) => {
      const found: ForeignTenantGrant[] = [];
      const add = (element: ForeignTenantGrant["element"], text: string) => {
        const reach = foreignTenantReach(text, ownTenant, options);
        if (reach !== undefined) found.push({ statement, element, text, reach });
      };
      if (actsOnTenantResources(statement)) {
        for (const resource of statement.resources) {
          if (!(onResource && resource === "*")) add("resource", resource);
        }
        for (const resource of statement.notResources) {
          found.push({ statement, element: "notResource", text: resource, reach: everythingBut(resource) });
        }
        for (const [text, reach] of tenantTagConditions(statement, ownTenant)) {
          found.push({ statement, element: "condition", text, reach });
        }
      }
      if (statement.principals.anyone) {
        found.push({
          statement,
          element: "principal",
          text: "*",
          reach: { reason: "wildcard", example: "*" },
        });
      }
      for (const principal of statement.principals.aws) add("principal", principal);
      return found;
    });
}

/** The condition key that selects resources by the kit's tenant tag (components/common/siloTags.ts). */
const resourceTenantTagKey = "aws:resourcetag/silo:tenant";

/**
 * The `aws:ResourceTag/silo:tenant` values of a statement's positive conditions (`StringEquals`,
 * `StringLike`, their `ForAnyValue:`/`IfExists` forms; not the `Not` operators) that select another
 * tenant's resources: a value naming another tenant, or a wildcard that also matches one (`*`, `glo*`).
 * A policy variable (`${aws:PrincipalTag/silo:tenant}`, the caller's own tenant) selects no other tenant.
 */
function tenantTagConditions(
  statement: NormalisedStatement,
  ownTenant: string,
): [string, ForeignTenantReach][] {
  return statement.conditions
    .filter(
      (condition) => condition.key.toLowerCase() === resourceTenantTagKey && !/Not/i.test(condition.operator),
    )
    .flatMap((condition) =>
      condition.values.flatMap((value): [string, ForeignTenantReach][] => {
        if (value.includes("${")) return [];
        const text = `${condition.operator} ${condition.key} ${JSON.stringify(value)}`;
        const wildcard = /StringLike/i.test(condition.operator) && /[*?]/.test(value);
        if (!wildcard) return value === ownTenant ? [] : [[text, { reason: "names", tenants: [value] }]];
        const other = ["other", `${ownTenant}-other`].find((probe) => iamWildcardMatches(value, probe));
        return other === undefined ? [] : [[text, { reason: "wildcard", example: other }]];
      }),
    );
}

function everythingBut(resource: string): ForeignTenantReach {
  return { reason: "wildcard", example: `every resource but ${resource}` };
}

/** Whether a statement's actions (or everything its NotAction leaves) include a per-tenant service's. */
function actsOnTenantResources(statement: NormalisedStatement): boolean {
  return tenantResourceServices.some((service) => statementActsInService(statement, service));
}
