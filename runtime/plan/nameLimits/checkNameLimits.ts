import type { RecordedResource } from "../pulumiRecording.ts";
import type { AwsNameLimit } from "./awsNameLimit.ts";
import { awsNameLimits } from "./awsNameLimits.ts";

/** Which part of a rule a value breaks. */
export type NameLimitKind = "maxLength" | "minLength" | "characters" | "pattern";

/** One value AWS would refuse: where it is, what it is, the rule it breaks and how to fix it. */
export interface NameFinding {
  /** The stack, read off the resource's URN. */
  readonly stack: string;
  readonly urn: string;
  /** The resource's logical name. */
  readonly resource: string;
  readonly type: string;
  /** The input property, with array indexes, e.g. `rules[2].visibilityConfig.metricName`. */
  readonly property: string;
  readonly value: string;
  readonly kind: NameLimitKind;
  /** The AWS API parameter, e.g. `CreateDBInstance MasterUsername`. */
  readonly awsParameter: string;
  /** AWS's rule in words. */
  readonly rule: string;
  /** What is wrong, e.g. `is 17 characters; AWS accepts at most 16`. */
  readonly problem: string;
  readonly fix: string;
  readonly url: string;
}

/** Pulumi's wire value of an input not known until deployment. */
const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * Checks every recorded resource's names and descriptions against AWS's documented rules
 * (awsNameLimits.ts): length, characters and shape. A value the program left unset (the provider names it)
 * or that is not known under the plan's mocks is skipped. Pure: one finding per rule a value breaks, in the
 * resources' order.
 *
 * @example
 * checkNameLimits(recorded.resources);
 * // [{ property: "username", value: "silo_ledger_admin", problem: "is 17 characters; AWS accepts at most 16", ... }]
 */
export function checkNameLimits(
  resources: readonly Pick<RecordedResource, "urn" | "type" | "name" | "inputs">[],
  limits: readonly AwsNameLimit[] = awsNameLimits,
): NameFinding[] {
  const byType = new Map<string, AwsNameLimit[]>();
  for (const limit of limits) byType.set(limit.type, [...(byType.get(limit.type) ?? []), limit]);
  const findings: NameFinding[] = [];
  for (const resource of resources) {
    for (const limit of byType.get(resource.type) ?? []) {
      for (const { path, value } of valuesAt(resource.inputs, limit.property)) {
        if (typeof value !== "string" || value === unknownValue) continue;
        for (const broken of brokenParts(limit, value)) {
          findings.push({
            stack: stackOfUrn(resource.urn),
            urn: resource.urn,
            resource: resource.name,
            type: resource.type,
            property: path,
            value,
            kind: broken.kind,
            awsParameter: limit.awsParameter,
            rule: limit.rule,
            problem: broken.problem,
            fix: broken.fix,
            url: limit.url,
          });
        }
      }
    }
  }
  return findings;
}

/**
 * One line for a terminal or a table cell: the property, the value, what is wrong and the fix.
 *
 * @example
 * describeNameFinding(finding);
 * // username "silo_ledger_admin" (CreateDBInstance MasterUsername) is 17 characters; AWS accepts at most 16: shorten it ...
 */
export function describeNameFinding(finding: NameFinding): string {
  return (
    `${finding.property} ${JSON.stringify(finding.value)} (${finding.awsParameter}) ${finding.problem}: ` +
    `${finding.fix} (${finding.url})`
  );
}

function brokenParts(
  limit: AwsNameLimit,
  value: string,
): { kind: NameLimitKind; problem: string; fix: string }[] {
  const broken: { kind: NameLimitKind; problem: string; fix: string }[] = [];
  const length = [...value].length;
  const minLength = limit.minLength ?? 1;
  if (length > limit.maxLength) {
    broken.push({
      kind: "maxLength",
      problem: `is ${length} characters; AWS accepts at most ${limit.maxLength}`,
      fix: `shorten it by ${length - limit.maxLength} to at most ${limit.maxLength} characters`,
    });
  }
  if (length < minLength) {
    broken.push({
      kind: "minLength",
      problem: `is ${length} characters; AWS needs at least ${minLength}`,
      fix: `lengthen it to at least ${minLength} characters`,
    });
  }
  const refused =
    limit.characters === undefined
      ? []
      : [...new Set([...value].filter((character) => !limit.characters?.test(character)))];
  if (refused.length > 0) {
    broken.push({
      kind: "characters",
      problem: `has characters AWS refuses: ${refused.map((character) => JSON.stringify(character)).join(" ")}`,
      fix: `remove or replace them; AWS accepts ${limit.rule}`,
    });
  } else if (length >= minLength && limit.pattern !== undefined && !limit.pattern.test(value)) {
    broken.push({
      kind: "pattern",
      problem: "does not have the shape AWS requires",
      fix: `make it ${limit.rule}`,
    });
  }
  return broken;
}

/** The values at a dotted property path, `[]` stepping into each element of an array, with their concrete paths. */
function valuesAt(inputs: unknown, property: string): { path: string; value: unknown }[] {
  let found: { path: string; value: unknown }[] = [{ path: "", value: inputs }];
  for (const segment of property.split(".")) {
    const each = segment.endsWith("[]");
    const key = each ? segment.slice(0, -2) : segment;
    found = found.flatMap(({ path, value }) => {
      const child = isRecord(value) ? value[key] : undefined;
      const childPath = path === "" ? key : `${path}.${key}`;
      if (!each) return child === undefined ? [] : [{ path: childPath, value: child }];
      return Array.isArray(child)
        ? child.map((element, index) => ({ path: `${childPath}[${index}]`, value: element }))
        : [];
    });
  }
  return found;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `tenant-acme` of `urn:pulumi:tenant-acme::silo-kit::...`. */
function stackOfUrn(urn: string): string {
  return urn.split("::")[0]?.replace(/^urn:pulumi:/, "") ?? "";
}
