import type { PolicyResource } from "@pulumi/policy";
import { sharedTenantTagValue } from "../../../components/common/siloTags.ts";
import { previewValue } from "../previewValue.ts";
import type { SiloStackPolicy } from "../siloPolicy.ts";
import { resourceTenant } from "../stackOwner.ts";
import { type DataKeyInput, dataKeyInputPaths, dataKeyInputs } from "./dataKeyInputs.ts";
import { type DataKeyVerdict, dataKeyVerdict } from "./dataKeyVerdict.ts";
import { type StackKeys, stackKeys } from "./stackKeys.ts";

/** The tenant a resource belongs to (policies/rules/stackOwner.ts), or undefined while its tags are unknown. */
function tenantOf(resource: PolicyResource): string | undefined {
  const read = previewValue(() => resourceTenant(resource));
  return read.known ? (read.value as string | undefined) : undefined;
}

/** The end of every message: which key of the stack to use, or that the stack has none. */
function fix(keys: StackKeys): string {
  const names = keys.keys.map((key) => key.name);
  if (names.length === 0) {
    return "create the tenant's KMS key in this stack (components/keys/tenantKey.ts) and use it.";
  }
  return `use the tenant's KMS key from this stack: ${names.length === 1 ? names[0] : `one of ${names.join(", ")}`}.`;
}

/** Why an input that names no key of the stack's tenant fails, before the fix; undefined when it passes. */
function finding(verdict: DataKeyVerdict, tenant: string): string | undefined {
  switch (verdict.kind) {
    case "own":
    case "unjudged":
      return undefined;
    case "alias-of-other-key": {
      const target = verdict.alias.targetKeyId;
      return `is alias ${verdict.alias.alias.name} of this stack, but the alias targets ${target === undefined ? "a key" : JSON.stringify(target)}, not a KMS key of tenant ${tenant} in this stack`;
    }
    case "not-in-stack": {
      const from = verdict.stackReferences.map(
        (reference) => ` (read from stack reference ${reference.name})`,
      );
      const whose =
        verdict.tenants.length > 0
          ? `names tenant ${verdict.tenants.join(", ")}, not ${tenant}, and`
          : verdict.sharedKey
            ? "is the shared stack's platform key, and"
            : "";
      return `${whose} is not a KMS key or alias of this stack${from.join("")}, so it cannot be proven to be tenant ${tenant}'s`.trim();
    }
    case "computed-elsewhere": {
      const sources = verdict.sources.map((source) => `${source.type} ${source.name}`);
      return `is unknown until the update and computed from ${sources.length === 0 ? "no resource of this stack" : sources.join(", ")}, not from a KMS key or alias of this stack, so it cannot be proven to be tenant ${tenant}'s`;
    }
  }
}

/** The message for one failing input: the resource, the property, its value, why, and the fix. */
function message(input: DataKeyInput, why: string, keys: StackKeys): string {
  const value = input.value.known ? ` ${JSON.stringify(input.value.value)}` : "";
  return `${input.resource.type} ${input.resource.name} has ${input.path}${value}, which ${why}; ${fix(keys)}`;
}

/**
 * A tenant's data is encrypted only with that tenant's own key, so revoking or deleting it revokes exactly
 * the tenant's data, and no other tenant's key policy decides who reads it. Every KMS key input of a resource
 * in a tenant's stack that stores data (RDS storage, Performance Insights and master secret, secrets, log
 * groups, Lambda environments, S3 default encryption, queues, topics, tables, parameters, snapshot copies;
 * kms/dataKeyInputs.ts) must name an `aws.kms.Key` created in this stack: computed from it,
 * or equal to its ARN or key id, or to the name or ARN of an `aws.kms.Alias` of the stack whose targetKeyId
 * is that key. A hard-coded key id or ARN, another tenant's alias (`alias/silo/<other>`, named in the
 * message), the shared platform key or a key read from a stack reference cannot be proven to be the
 * tenant's and fails, whatever its key policy says. The tenant is the stack's (`tenant-<id>`,
 * policies/rules/stackOwner.ts); the shared stack is not judged. An unset input or an AWS managed key is
 * the customer-managed-key rules' concern (silo-rds-instance-encrypted-kms, silo-secretsmanager-secret-kms-key, ...).
 *
 * During `pulumi preview` a value computed from a resource not yet created is unknown: it passes when the
 * engine says it was computed from a key (or alias of one) of the stack, since it then is that key's ARN or
 * id; otherwise it fails at the rule's level (mandatory), because nothing the preview shows proves whose key
 * it will be, and letting it through would allow exactly the cross-tenant key this rule exists to stop.
 * A stack reference output or a config value is known during a preview and judged by value: another
 * stack's key is never this stack's. The fix is always the same: pass the stack's own key resource.
 *
 * Severity: critical. Controls: NIST 800-53 AC-4, SC-12, SC-28 (no FSBP control).
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id
 */
export const tenantDataOwnKey: SiloStackPolicy = {
  kind: "stack",
  name: "silo-kms-tenant-data-own-key",
  description:
    "KMS key inputs of a tenant's data (RDS, secrets, logs, Lambda, S3, ...) must be the tenant's key of its stack or an alias of it, never a hard-coded key id, ARN or another tenant's alias.",
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["nist:AC-4", "nist:SC-12", "nist:SC-28"],
  url: "https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id",
  notes: [
    "Unknown values during `pulumi preview`: an input computed from a resource not created yet passes when",
    "the engine says it was computed from a key (or an alias of a key) of the stack's tenant in the stack,",
    "and fails at the rule's level (mandatory) otherwise: nothing in the preview proves whose key it will be,",
    "and letting it through would admit the very cross-tenant key the rule stops. A stack reference output or",
    "a config value is known during a preview and judged by value, so another stack's key (the shared",
    "platform key, another tenant's) fails. An unset input or an AWS managed key is left to the",
    "customer-managed-key rules.",
  ].join(" "),
  mutations: [
    {
      type: "aws:secretsmanager/secret:Secret",
      change: "kmsKeyId set to a bare key id not created in the stack",
      mutate: (inputs) =>
        inputs.kmsKeyId === undefined
          ? undefined
          : { ...inputs, kmsKeyId: "1234abcd-12ab-34cd-56ef-1234567890ab" },
    },
    {
      type: "aws:cloudwatch/logGroup:LogGroup",
      change: "kmsKeyId set to another key's ARN",
      mutate: (inputs, context) =>
        inputs.kmsKeyId === undefined
          ? undefined
          : {
              ...inputs,
              kmsKeyId: `arn:aws:kms:${context.region}:${context.accountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
            },
    },
    {
      type: "aws:lambda/function:Function",
      change: "kmsKeyArn set to another tenant's key alias",
      mutate: (inputs, context) =>
        context.tenantId === sharedTenantTagValue || inputs.kmsKeyArn === undefined
          ? undefined
          : {
              ...inputs,
              kmsKeyArn: `arn:aws:kms:${context.region}:${context.accountId}:alias/silo/${context.otherTenantId}`,
            },
    },
  ],
  validateStack: (args, reportViolation) => {
    // The stack decides whose data and keys these are; a tag that disagrees is silo-tagging-resources-tenant-tag's.
    const keys = stackKeys(args.resources, (resource) => tenantOf(resource) !== sharedTenantTagValue);
    let judged = 0;
    for (const resource of args.resources) {
      if (dataKeyInputPaths[resource.type] === undefined) continue;
      const tenant = tenantOf(resource);
      if (tenant === undefined || tenant === sharedTenantTagValue) continue;
      for (const input of dataKeyInputs(resource)) {
        judged += 1;
        const why = finding(dataKeyVerdict(input, keys, tenant), tenant);
        if (why !== undefined) reportViolation(message(input, why, keys), resource.urn);
      }
    }
    if (judged === 0) args.notApplicable("no resource of a tenant's stack sets a KMS key input");
  },
};
