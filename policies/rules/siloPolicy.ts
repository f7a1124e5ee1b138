import type {
  PolicyConfigSchema,
  ResourceValidationPolicy,
  Severity,
  StackValidationPolicy,
} from "@pulumi/policy";

/**
 * What every rule of the silo-kit pack carries, resource or stack: metadata (severity, controls, link) as
 * data, so the pack, the offline plan, the tests and the catalogue in docs/policies.md read the same object.
 */
export interface SiloPolicyMetadata {
  /** `silo-<service>-<resource>-<check>`. */
  readonly name: string;
  /** What must hold, as one sentence. */
  readonly description: string;
  /** The baseline level; a profile (policies/profiles/) may raise or disable it. */
  readonly enforcementLevel: "mandatory" | "advisory";
  readonly severity: Severity;
  /** Control ids, prefixed by framework: `fsbp:RDS.2` (AWS Foundational Security Best Practices), `nist:AC-3` (NIST 800-53 rev. 5). */
  readonly tags: string[];
  /** Where the control is explained. */
  readonly url: string;
  /**
   * Thresholds the rule reads with `args.getConfig()`: JSON-schema properties whose `default` is the
   * baseline value; profiles set stricter ones.
   * @default no settings
   */
  readonly configSchema?: PolicyConfigSchema;
  /**
   * What the catalogue (docs/policies.md) says below the table about how the rule decides what the one-line
   * description cannot: e.g. how it treats values unknown during a preview.
   * @default nothing below the table
   */
  readonly notes?: string;
  /**
   * The security-relevant inputs this rule reasons about, each as one change that must make it fail: the
   * mutation test (test/policies/mutation/) applies every rule's mutations to the kit's own compliant stacks,
   * one at a time, and expects a violation of this rule on the changed resource.
   * @default none (a rule without mutations is listed by the mutation test as unexercised)
   */
  readonly mutations?: readonly SiloPolicyMutation[];
}

/** Who the mutated stack belongs to, and a neighbour whose resources a bad change may reach for. */
export interface SiloMutationContext {
  readonly tenantId: string;
  readonly otherTenantId: string;
  readonly accountId: string;
  readonly region: string;
}

/**
 * One change to one input of one resource type, e.g. `publiclyAccessible` set to true on an
 * `aws:rds/instance:Instance`. `mutate` returns the changed inputs, or `undefined` when the given resource
 * does not carry what the change needs (the test then tries the next resource of that type).
 */
export interface SiloPolicyMutation {
  /** Pulumi type token of the resource changed, e.g. `aws:rds/instance:Instance`. */
  readonly type: string;
  /** What is changed, as a phrase for the test's name: "publiclyAccessible set to true". */
  readonly change: string;
  readonly mutate: (
    inputs: Readonly<Record<string, unknown>>,
    context: SiloMutationContext,
  ) => Record<string, unknown> | undefined;
}

/** A rule that sees one resource at a time (its inputs), as `pulumi preview` registers it. */
export type SiloResourcePolicy = ResourceValidationPolicy &
  SiloPolicyMetadata & { readonly kind: "resource" };

/**
 * A rule that sees the whole stack (every resource with its outputs, parent and dependencies): for checks
 * that join resources, such as an instance and its parameter group.
 */
export type SiloStackPolicy = StackValidationPolicy & SiloPolicyMetadata & { readonly kind: "stack" };

/** A rule of the silo-kit pack: a plain CrossGuard policy, told apart by `kind`. */
export type SiloPolicy = SiloResourcePolicy | SiloStackPolicy;
