import type { RecordedResource } from "../pulumiRecording.ts";

/**
 * What a quota limits, which decides how the plan adds it up:
 * - `region`: one pool per account and Region (RDS instances, APIs); every stack's resources add up.
 * - `account`: one pool per account, all Regions (IAM roles); added up as `region`, the plan being one Region.
 * - `container`: one pool per shared thing (a security group's rules, a Lambda's resource policy, a route
 *   table): the shared stack's largest container, plus what each tenant stack adds to the shared stack's
 *   containers. A tenant adding to one is a ceiling of the kit's own making.
 */
export type QuotaScope = "region" | "account" | "container";

/**
 * Whether exceeding the quota stops a deployment (`capacity`: creating the resource fails) or only shares a
 * rate between tenants (`throughput`: the sum of the tenants' limits above it is oversubscription, reported
 * but never failing the plan).
 */
export type QuotaKind = "capacity" | "throughput";

/** One AWS quota the kit consumes: the data, and how to read its consumption off a planned stack. */
export interface AwsQuota {
  /** Stable id, the key of `silo:quotas` overrides, e.g. `rds-db-instances`. */
  readonly id: string;
  /** The service as Service Quotas names it, e.g. `Amazon Relational Database Service (Amazon RDS)`. */
  readonly service: string;
  /** The quota's name in Service Quotas (what to ask an increase of). */
  readonly name: string;
  readonly scope: QuotaScope;
  readonly kind: QuotaKind;
  /** Unit of the value, e.g. `DB instances`, `bytes`, `requests per second`. */
  readonly unit: string;
  /** AWS's default value (for the kit's reference Region, us-east-1). */
  readonly defaultValue: number;
  /** Whether Service Quotas (or AWS Support) can raise it. */
  readonly adjustable: boolean;
  /** What part of the value must stay unused (Lambda keeps 100 concurrent executions unreserved). */
  readonly headroom?: number;
  /**
   * Kit-made (true) or inherent (false). Kit-made: the quota caps a shared thing the kit's design puts
   * tenants into (a shared policy, group, route table, VPC, domain or Transit Gateway), so any per-tenant
   * entry there would be a ceiling of the kit's own making, which the kit must not have (docs/scale.md).
   * Inherent: the quota caps per-tenant resources that silo tenancy needs (a database, an API, roles), which
   * only a raise or another cell lifts.
   */
  readonly ownMaking: boolean;
  /** The AWS documentation page that states the default. */
  readonly url: string;
  /** False when the value could not be confirmed against AWS's documentation when the table was written. */
  readonly confirmed: boolean;
  /**
   * How much of the quota one stack consumes, from its recorded resources; undefined for a runtime rate the
   * plan cannot see (what the tenants call at run time, not what the stacks create).
   */
  readonly measure?: (resources: readonly RecordedResource[], stack: "shared" | "tenant") => number;
}
