import {
  sharedResourceNames,
  tenantFunctions,
  tenantResourceNames,
} from "../../components/common/resourceNames.ts";
import { parseStackName } from "../../stacks/parseStackName.ts";
import { hasIamWildcard, iamWildcardMatches } from "./iamWildcard.ts";

/**
 * How a string of a policy (a resource ARN or pattern, a principal) reaches beyond the stack's own tenant:
 * - `names`: it names resources of these other tenants (`/silo/initech/...`, `silo-initech-chat`);
 * - `wildcard`: a wildcard in it also covers resources of other tenants; `example` is one such name (of a
 *   made-up tenant `other`), for the message.
 */
export type ForeignTenantReach =
  | { readonly reason: "names"; readonly tenants: readonly string[] }
  | { readonly reason: "wildcard"; readonly example: string };

/** What the check may know beyond the stack's own tenant. */
export interface ForeignTenantOptions {
  /**
   * The fleet's tenant ids (tenants/*.yaml). With them a name such as `silo-acme-nova` is read as the
   * longest tenant id it starts with (`acme`'s model profile, not a tenant `acme-nova`).
   * @default tenant ids read from the name alone (see {@link tenantOfSiloName})
   */
  readonly knownTenants?: readonly string[];
}

/**
 * The tenant a `tenant-<id>` stack deploys, or `undefined` for the shared stack; any other name throws
 * stacks/parseStackName.ts's `STACK_NAME_INVALID`, as the stack itself would.
 *
 * @example
 * tenantOfStack("tenant-acme-health"); // "acme-health"
 * tenantOfStack("shared"); // undefined
 */
export function tenantOfStack(stackName: string): string | undefined {
  const parsed = parseStackName(stackName);
  return parsed.kind === "tenant" ? parsed.tenantId : undefined;
}

/**
 * Whether a string of a policy in tenant `ownTenant`'s stack reaches another tenant's silo, by name or by a
 * wildcard broad enough (`*`, `/silo/*`, `arn:aws:secretsmanager:*:*:secret:*`, `silo-acme-*`, which also
 * covers tenant `acme-health`'s names, see components/common/resourceNames.ts). `undefined` when it stays
 * within the tenant's own names or names no silo resource. A bare `*` counts as every resource: a caller
 * reading a key or resource policy, where `Resource: "*"` means the resource itself, skips it there.
 *
 * @example
 * foreignTenantReach("arn:aws:secretsmanager:us-east-1:123456789012:secret:/silo/initech/ledger-role-AbCd", "globex");
 * // { reason: "names", tenants: ["initech"] }
 * foreignTenantReach("arn:aws:secretsmanager:*:*:secret:/silo/*", "globex");
 * // { reason: "wildcard", example: "arn:aws:secretsmanager:*:*:secret:/silo/other/ledger-role-AbCdEf" }
 * foreignTenantReach("arn:aws:secretsmanager:us-east-1:123456789012:secret:/silo/globex/*", "globex"); // undefined
 */
export function foreignTenantReach(
  text: string,
  ownTenant: string,
  options: ForeignTenantOptions = {},
): ForeignTenantReach | undefined {
  const tenants = tenantsNamed(text, ownTenant, options).filter((tenant) => tenant !== ownTenant);
  if (tenants.length > 0) return { reason: "names", tenants };
  if (!hasIamWildcard(text)) return undefined;
  const example = probeNames(text, ownTenant).find((probe) => iamWildcardMatches(text, probe));
  return example === undefined ? undefined : { reason: "wildcard", example };
}

/** Fixed endings of a tenant's `silo-<tenant>-<ending>` names (resourceNames.ts), besides its functions. */
const nameEndings = [...tenantFunctions, "db", "postgres", "final", "lambda", "endpoints"];
/**
 * Names that look like a tenant's but are the platform's: the shared stack's, and the deployer role
 * stacks/stackConfigKeys.ts suggests (`silo-deployer`), which every tenant key policy names.
 */
const sharedNames = new Set<string>([...Object.values(sharedResourceNames), "silo-deployer"]);

/**
 * The tenant id a `silo-<run>` name belongs to: the longest known tenant the run is or starts with, else the
 * run without a fixed ending (`silo-acme-health-chat` is `acme-health`'s, `silo-acme-health` its database),
 * else, in tenant `ownTenant`'s stack, the own tenant when the run starts with its id (`silo-globex-exports`,
 * a role the client named outside the kit's endings, is `globex`'s). A tenant id that itself ends in such an
 * ending (`acme-data`) cannot be told from a name alone, nor, without the fleet's ids, another tenant whose
 * id extends the own one named without an ending (`silo-acme-health` in `acme`'s stack).
 *
 * @example
 * tenantOfSiloName("acme-health-chat"); // "acme-health"
 * tenantOfSiloName("globex-exports", [], "globex"); // "globex"
 */
export function tenantOfSiloName(
  run: string,
  knownTenants: readonly string[] = [],
  ownTenant?: string,
): string {
  const known = [...knownTenants]
    .sort((left, right) => right.length - left.length)
    .find((tenant) => run === tenant || run.startsWith(`${tenant}-`));
  if (known !== undefined) return known;
  const ending = nameEndings.find((end) => run.endsWith(`-${end}`) && run.length > end.length + 1);
  if (ending !== undefined) return run.slice(0, -(ending.length + 1));
  return ownTenant !== undefined && run.startsWith(`${ownTenant}-`) ? ownTenant : run;
}

/**
 * An environment qualifier in front of a name (`staging-silo-acme-chat`, `alias/staging/silo/acme`; see
 * components/common/resourceNames.ts): the tenant after it is read as in an unqualified name.
 */
const qualifierDash = "(?:(?!silo-)[a-z][a-z0-9]{1,9}-)?";
const qualifierSlash = "(?:(?!silo\\/)[a-z][a-z0-9]{1,9}\\/)?";

/** The environment qualifiers a pattern names (`staging` in `staging-silo-*`), to probe its wildcards with. */
function qualifiersIn(pattern: string): string[] {
  const found = new Set<string>();
  for (const match of pattern.matchAll(/(?<![a-zA-Z0-9_-])((?!silo-)[a-z][a-z0-9]{1,9})-silo-/g)) {
    found.add(match[1] ?? "");
  }
  for (const match of pattern.matchAll(/\/((?!silo\/)[a-z][a-z0-9]{1,9})\/silo\//g))
    found.add(match[1] ?? "");
  found.delete("");
  return [...found];
}

function tenantsNamed(text: string, ownTenant: string, options: ForeignTenantOptions): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/\/silo\/([a-z0-9-]+)\//g)) found.add(match[1] ?? "");
  for (const match of text.matchAll(
    new RegExp(`alias\\/${qualifierSlash}silo\\/([a-z0-9-]+)(?![a-z0-9-])`, "g"),
  )) {
    if (`alias/silo/${match[1]}` !== sharedResourceNames.keyAlias) found.add(match[1] ?? "");
  }
  for (const match of text.matchAll(new RegExp(`(?<![a-zA-Z0-9_-])${qualifierDash}silo-([a-z0-9-]+)`, "g"))) {
    const run = (match[1] ?? "").replace(/-+$/, "");
    if (run === "" || sharedNames.has(`silo-${run}`) || isSharedPrefixed(`silo-${run}`)) continue;
    found.add(tenantOfSiloName(run, options.knownTenants, ownTenant));
  }
  found.delete("");
  return [...found];
}

/**
 * Whether a `silo-...` name is under the shared stack's prefix (`silo-shared-key`, and what a physical id
 * made from it looks like): the shared stack's, not a tenant `shared-...`'s.
 */
function isSharedPrefixed(name: string): boolean {
  return name === sharedResourceNames.prefix || name.startsWith(`${sharedResourceNames.prefix}-`);
}

/** Where a tenant id starts in a name, so a wildcard right after it can reach ids that extend a prefix. */
const tenantIdHeads = ["/silo/", "alias/silo/", "silo-"];

/**
 * Names (and ARNs, in the pattern's own partition, Region and account) of made-up tenants other than
 * `ownTenant`: one unrelated (`other`), one whose id extends the tenant's (`<own>-other`, which `silo-<own>-*`
 * covers), and one whose id extends whatever literal the pattern spells before its wildcard (`/silo/glo*`
 * reaches `globex`); for a pattern with an environment qualifier (`staging-silo-*`), their names qualified with it
 * as well. A wildcard pattern reaches another tenant exactly when it matches one of them.
 */
function probeNames(pattern: string, ownTenant: string): string[] {
  const candidates = new Set(["other", `${ownTenant}-other`]);
  for (const head of tenantIdHeads) {
    const at = pattern.indexOf(head);
    if (at < 0) continue;
    const literal = /^[a-z0-9-]*/.exec(pattern.slice(at + head.length))?.[0] ?? "";
    const next = pattern.charAt(at + head.length + literal.length);
    if (next === "*" || next === "?") candidates.add(`${literal}other`);
  }
  candidates.delete(ownTenant);
  const [, partition = "aws", , region = "us-east-1", account = "123456789012"] = pattern.startsWith("arn:")
    ? pattern.split(":")
    : [];
  const qualifiers = [undefined, ...qualifiersIn(pattern)];
  return [...candidates]
    .flatMap((tenant) => qualifiers.map((qualifier) => ({ tenant, qualifier })))
    .flatMap(({ tenant, qualifier }) => {
      const names = tenantResourceNames(tenant, qualifier);
      const arn = (service: string, resource: string, inRegion = true) =>
        `arn:${partition}:${service}:${inRegion ? region : ""}:${account}:${resource}`;
      return [
        `${names.ledgerRoleSecret}`,
        names.providerKeySecret("model"),
        names.keyAlias,
        names.databaseIdentifier,
        names.accessLogGroup,
        ...tenantFunctions.flatMap((fn) => [names.functionName(fn), names.functionLogGroup(fn)]),
        arn("secretsmanager", `secret:${names.ledgerRoleSecret}-AbCdEf`),
        arn("secretsmanager", `secret:${names.providerKeySecret("model")}-AbCdEf`),
        arn("secretsmanager", `secret:rds!db-${tenant}-0000`),
        arn("kms", names.keyAlias),
        arn("kms", `key/${tenant}-key-id`),
        arn("rds", `db:${names.databaseIdentifier}`),
        arn("rds-db", `dbuser:db-${tenant.toUpperCase()}/${names.databaseMasterUsername}`),
        arn("bedrock", `application-inference-profile/${tenant}-profile`),
        arn("logs", `log-group:${names.accessLogGroup}:*`),
        ...tenantFunctions.flatMap((fn) => [
          arn("iam", `role/${names.roleName(fn)}`, false),
          arn("lambda", `function:${names.functionName(fn)}`),
          arn("logs", `log-group:${names.functionLogGroup(fn)}:*`),
        ]),
      ];
    });
}
