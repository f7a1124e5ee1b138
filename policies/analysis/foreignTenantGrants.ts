import {
  type ForeignTenantOptions,
  type ForeignTenantReach,
  foreignTenantReach,
} from "./foreignTenantResources.ts";
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
  /** Which element says it: a `Resource`, a `NotResource` (everything but), or a principal. */
  readonly element: "resource" | "notResource" | "principal";
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

function everythingBut(resource: string): ForeignTenantReach {
  return { reason: "wildcard", example: `every resource but ${resource}` };
}

/** Whether a statement's actions (or everything its NotAction leaves) include a per-tenant service's. */
function actsOnTenantResources(statement: NormalisedStatement): boolean {
  return tenantResourceServices.some((service) => statementActsInService(statement, service));
}
