import type { PolicyProviderResource, ResourceValidationArgs } from "@pulumi/policy";
import type { SiloPolicy } from "../../../policies/rules/siloPolicy.ts";
import type { PulumiRecording } from "../../../runtime/plan/pulumiRecording.ts";

/** What a rule said about one resource: its violation messages, or that it does not apply. */
export type RuleVerdict =
  | { readonly applicable: true; readonly violations: string[] }
  | { readonly applicable: false };

class NotApplicable extends Error {}

/**
 * Runs a rule's validations on one resource the way the CrossGuard analyzer does (args shaped as in
 * @pulumi/policy's server.js: `isType` compares the class's `__pulumiType` with the type token), without
 * starting a policy pack. `resource.provider` is the resource's provider (its inputs as `props`), as the
 * analyzer passes it.
 *
 * @example
 * evaluateRule(instanceNotPublic, "aws:rds/instance:Instance", { publiclyAccessible: true }).violations;
 */
export async function evaluateRule(
  rule: SiloPolicy,
  type: string,
  props: Record<string, unknown>,
  resource: { readonly name?: string; readonly provider?: PolicyProviderResource } = {},
): Promise<RuleVerdict> {
  const name = resource.name ?? "resource";
  const violations: string[] = [];
  const validations = [rule.validateResource ?? []].flat();
  let applicable = false;
  for (const validation of validations) {
    const args: ResourceValidationArgs = {
      type,
      props,
      urn: `urn:pulumi:test::silo-kit::${type}::${name}`,
      name,
      opts: {
        protect: false,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
      },
      stackTags: new Map(),
      isType: (resourceClass) => (resourceClass as { __pulumiType?: string }).__pulumiType === type,
      asType: ((resourceClass: unknown) =>
        (resourceClass as { __pulumiType?: string }).__pulumiType === type ? props : undefined) as never,
      getConfig: <T extends object>() => ({}) as T,
      notApplicable: (reason?: string) => {
        throw new NotApplicable(reason);
      },
      ...(resource.provider === undefined ? {} : { provider: resource.provider }),
    };
    try {
      await validation(args, (message) => violations.push(message));
      applicable = true;
    } catch (error) {
      if (!(error instanceof NotApplicable)) throw error;
    }
  }
  return applicable ? { applicable, violations } : { applicable: false };
}

/** The violation messages of a rule on one resource; fails when the rule does not apply to its type. */
export async function violationsOf(
  rule: SiloPolicy,
  type: string,
  props: Record<string, unknown>,
): Promise<string[]> {
  const verdict = await evaluateRule(rule, type, props);
  if (!verdict.applicable) throw new Error(`${rule.name} does not apply to ${type}`);
  return verdict.violations;
}

/**
 * Every violation of every rule over the recorded custom resources, as `rule on resource: message` lines;
 * each resource is evaluated with its type token, inputs and provider, as CrossGuard would see them.
 */
export async function violationsOver(
  rules: readonly SiloPolicy[],
  recording: PulumiRecording,
): Promise<string[]> {
  const violations: string[] = [];
  for (const resource of recording.resources.filter((recorded) => recorded.custom)) {
    const providerUrn = resource.provider.split("::").slice(0, -1).join("::");
    const provider = recording.byUrn(providerUrn);
    for (const rule of rules) {
      const verdict = await evaluateRule(
        rule,
        resource.type,
        { ...resource.inputs },
        {
          name: resource.name,
          ...(provider === undefined
            ? {}
            : {
                provider: {
                  type: provider.type,
                  props: { ...provider.inputs },
                  urn: provider.urn,
                  name: provider.name,
                },
              }),
        },
      );
      if (verdict.applicable) {
        violations.push(
          ...verdict.violations.map((message) => `${rule.name} on ${resource.name}: ${message}`),
        );
      }
    }
  }
  return violations;
}
