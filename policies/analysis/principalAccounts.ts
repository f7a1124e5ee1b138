import type { NormalisedStatement } from "./normaliseStatements.ts";
import { type PolicyCarrier, policyDocuments } from "./policyDocuments.ts";

/** The account of an ARN (`arn:<partition>:<service>:<region>:<account>:...`). */
const arnAccount = /arn:[a-z-]+:[a-z0-9-]*:[a-z0-9-]*:(\d{12}):/g;

/**
 * The account an AWS principal belongs to: a bare account id, or the account of a root, role, user or
 * assumed-role ARN; undefined for anything else (a value still unknown, a malformed string).
 *
 * @example
 * principalAccount("arn:aws:iam::210987654321:role/silo-initech-chat"); // "210987654321"
 * principalAccount("123456789012"); // "123456789012"
 */
export function principalAccount(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  return /^arn:[a-z-]+:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
}

/** Inputs that hold a principal rather than a resource of the stack (Lambda permissions, KMS grants). */
const principalInputs = new Set(["principal", "granteePrincipal", "retiringPrincipal"]);

function collect(value: unknown, into: Set<string>): void {
  if (typeof value === "string") {
    if (/^\d{12}$/.test(value)) into.add(value);
    for (const match of value.matchAll(arnAccount)) into.add(match[1] as string);
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, into);
  } else if (value !== null && typeof value === "object") {
    for (const item of Object.values(value)) collect(item, into);
  }
}

function statementAccounts(statement: NormalisedStatement, into: Set<string>): void {
  collect([...statement.resources, ...statement.notResources], into);
  collect(
    statement.conditions.map((condition) => condition.values),
    into,
  );
}

/**
 * The accounts a resource's inputs name as where things are, not as who may act: account ids in ARNs and
 * bare ids anywhere in its inputs, except in principals. Of a policy document only the resources and
 * condition values count, so a grant to another account never makes that account look like home.
 *
 * @example
 * accountsNamedBy({ type: "aws:cloudwatch/logGroup:LogGroup", props: { kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k" } });
 * // ["123456789012"]
 */
export function accountsNamedBy(resource: PolicyCarrier): string[] {
  const accounts = new Set<string>();
  const documents = policyDocuments(resource);
  const documentInputs = new Set(documents.map((document) => document.property.split(/[.[]/)[0]));
  for (const [name, value] of Object.entries(resource.props)) {
    if (principalInputs.has(name) || documentInputs.has(name)) continue;
    collect(value, accounts);
  }
  for (const document of documents) {
    for (const statement of document.statements ?? []) statementAccounts(statement, accounts);
  }
  return [...accounts];
}
