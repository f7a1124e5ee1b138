import { sharedResourceNames, tenantFunctions } from "../../../components/common/resourceNames.ts";
import { parsePolicyDocument } from "./policyStatements.ts";

const tenantId = "[a-z](?:[a-z0-9]|-(?!-))*[a-z0-9]";
const end = "(?![a-z0-9-])";
/**
 * Where a tenant's id appears in its resources' names (components/common/resourceNames.ts), written so
 * the id is unambiguous even when ids share a prefix (`acme` and `acme-health`):
 * `/silo/<tenant>/` (secrets, API logs), `alias/silo/<tenant>`, `silo-<tenant>-<function>` (roles, functions,
 * their log groups), `silo-<tenant>-*` (patterns over them) and `:db:silo-<tenant>` (the RDS instance).
 */
const tenantNamePatterns = [
  new RegExp(`/silo/(${tenantId})/`, "g"),
  new RegExp(`alias/silo/(${tenantId})${end}`, "g"),
  new RegExp(`silo-(${tenantId})-(?:${tenantFunctions.join("|")})${end}`, "g"),
  new RegExp(`silo-(${tenantId})-\\*`, "g"),
  new RegExp(`:db:silo-(${tenantId})${end}`, "g"),
];

/** Names of the shared stack that look like a tenant's (`silo-ledger-admin` is not tenant `ledger`'s admin). */
const sharedNames = new Set<string>(Object.values(sharedResourceNames));

/**
 * The tenant ids a string (an ARN, a name, a pattern) names resources of.
 *
 * @example
 * tenantsNamedIn("arn:aws:iam::123456789012:role/silo-acme-health-chat"); // ["acme-health"]
 * tenantsNamedIn("arn:aws:iam::123456789012:role/silo-ledger-admin"); // []
 */
export function tenantsNamedIn(text: string): string[] {
  const found = new Set<string>();
  for (const pattern of tenantNamePatterns) {
    for (const match of text.matchAll(pattern)) {
      const name = match[0].replace(/^:db:|^alias\//, "");
      if (!sharedNames.has(name) && match[1] !== undefined) found.add(match[1]);
    }
  }
  return [...found];
}

/** Every string inside a JSON value (a policy document), depth first. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value === null || typeof value !== "object") return [];
  return Object.values(value).flatMap(stringsIn);
}

/**
 * The strings of a policy document (JSON text or object) that name another tenant's resources than
 * `ownTenant`'s, each with the tenants it names. A document that is not JSON has none.
 *
 * @example
 * foreignTenantNames('{"Statement":[{"Resource":"arn:...:secret:/silo/initech/x"}]}', "globex");
 * // [{ text: "arn:...:secret:/silo/initech/x", tenants: ["initech"] }]
 */
export function foreignTenantNames(
  document: unknown,
  ownTenant: string,
): { readonly text: string; readonly tenants: string[] }[] {
  const parsed = parsePolicyDocument(document);
  if (parsed === undefined) return [];
  return stringsIn(parsed).flatMap((text) => {
    const tenants = tenantsNamedIn(text).filter((tenant) => tenant !== ownTenant);
    return tenants.length === 0 ? [] : [{ text, tenants }];
  });
}
