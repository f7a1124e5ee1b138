import {
  defaultAuthorizerCacheTtlSeconds,
  maxAuthorizerCacheTtlSeconds,
} from "../components/edge/authorizerCacheTtl.ts";
import {
  type AuthorizerConfigKey,
  type AuthorizerSettings,
  authorizerConfigKeys,
  authorizerEnvironment,
} from "../components/edge/authorizerEnvironment.ts";
import {
  defaultLedgerSweepIntervalMinutes,
  maxLedgerSweepIntervalMinutes,
} from "../components/ledger/ledgerSweepSettings.ts";
import { cidrsOverlap, parseCidr } from "../components/network/cidr.ts";
import type { NatGatewayStrategy } from "../components/network/sharedNetwork.ts";
import { defaultDedicatedCidrPool } from "../components/network/tenantNetworkPlan.ts";
import { SiloError } from "../runtime/core/errors/siloError.ts";
import { suggestKey } from "../runtime/core/tenants/suggestKey.ts";
import { logRetentionDaysAllowed } from "../tenants/schema.ts";
import { awsRegionNamePattern } from "./awsRegionName.ts";
import { type StackKind, stackConfigKeys } from "./stackConfigKeys.ts";

/** The stack's config as Pulumi hands it over: `namespace:key` to value. */
export type ConfigValues = Readonly<Record<string, string>>;

/** How the program gets the Lambda bundles. */
export type LambdaCodeMode = "build" | "prebuilt";

/** Config both kinds of stack read. */
export interface CommonStackConfig {
  readonly region: string;
  readonly environment: "production" | "staging";
  readonly lambdaCode: LambdaCodeMode;
  /** `silo:deployerRoleArn`; undefined means the role the deployment runs as. */
  readonly deployerRoleArn?: string;
}

/** The shared stack's validated config. */
export interface SharedStackConfig extends CommonStackConfig {
  readonly authorizer: AuthorizerSettings;
  readonly authorizerCacheTtlSeconds: number;
  readonly domain?: { readonly domainName: string; readonly certificateArn: string };
  readonly vpcCidr: string;
  /** The address range dedicated tenant VPCs are carved from; must not overlap vpcCidr. */
  readonly dedicatedCidrPool: string;
  readonly availabilityZoneCount: number;
  readonly natGateways: NatGatewayStrategy;
  readonly logRetentionDays: number;
  readonly ledger: {
    readonly instanceClass: string;
    readonly multiAz: boolean;
    readonly backupRetentionDays: number;
    readonly deletionProtection: boolean;
    /** Minutes between sweeps of dangling reservations. */
    readonly sweepIntervalMinutes: number;
  };
}

/** A tenant stack's validated config. */
export interface TenantStackConfig extends CommonStackConfig {
  /** Fully qualified name of the shared stack: `<organization>/<project>/shared`. */
  readonly sharedStack: string;
  /** Only for tenants with `network: dedicated`. */
  /** `silo:accountConcurrencyLimit`: the account's Lambda concurrency quota, which reservations must fit. */
  readonly accountConcurrencyLimit: number;
  readonly vpcCidr?: string;
}

/**
 * Reads and validates the shared stack's config. Fails with every problem at once, each naming the key, the
 * value and the `pulumi config set` that fixes it (`STACK_CONFIG_INVALID`).
 *
 * @example
 * const config = readSharedStackConfig(pulumi.runtime.allConfig(), "shared");
 */
export function readSharedStackConfig(values: ConfigValues, stackName: string): SharedStackConfig {
  const read = new ConfigReader(values, stackName, "shared");
  const common = readCommon(read);
  const domainName = read.optional("silo:domainName");
  const certificateArn = read.optional("silo:certificateArn");
  if (domainName !== undefined && !/^(?=.{1,253}$)([a-z0-9](-?[a-z0-9])*\.)+[a-z]{2,63}$/.test(domainName)) {
    read.problem("silo:domainName", domainName, "is not a lower-case DNS name");
  }
  if ((domainName === undefined) !== (certificateArn === undefined)) {
    read.problem(
      domainName === undefined ? "silo:certificateArn" : "silo:domainName",
      domainName ?? certificateArn ?? "",
      "is set without its partner: silo:domainName and silo:certificateArn go together",
    );
  }
  if (
    certificateArn !== undefined &&
    !new RegExp(`^arn:aws[a-z-]*:acm:${common.region}:\\d{12}:certificate/[\\w-]+$`).test(certificateArn)
  ) {
    read.problem(
      "silo:certificateArn",
      certificateArn,
      `is not an ACM certificate ARN in ${common.region} (a regional API domain needs its certificate in the stack's Region)`,
    );
  }
  const authorizer = readAuthorizerSettings(read);
  const vpcCidr = read.optional("silo:vpcCidr") ?? "10.0.0.0/16";
  read.check("silo:vpcCidr", vpcCidr, () => checkVpcCidr(vpcCidr));
  const dedicatedCidrPool = read.optional("silo:dedicatedCidrPool") ?? defaultDedicatedCidrPool;
  read.check("silo:dedicatedCidrPool", dedicatedCidrPool, () => {
    const { prefixLength } = parseCidr(dedicatedCidrPool);
    if (prefixLength < 8 || prefixLength > 16) throw new Error("must be a /8 to /16 block");
    if (cidrsOverlap(dedicatedCidrPool, vpcCidr)) {
      throw new Error(`overlaps the shared VPC's ${vpcCidr} (silo:vpcCidr); choose a range beside it`);
    }
  });
  const config: SharedStackConfig = {
    ...common,
    authorizer,
    authorizerCacheTtlSeconds: read.wholeNumber(
      "silo:authorizerCacheTtlSeconds",
      defaultAuthorizerCacheTtlSeconds,
      0,
      maxAuthorizerCacheTtlSeconds,
    ),
    ...(domainName !== undefined && certificateArn !== undefined
      ? { domain: { domainName, certificateArn } }
      : {}),
    vpcCidr,
    dedicatedCidrPool,
    availabilityZoneCount: read.wholeNumber("silo:availabilityZoneCount", 2, 2, 4),
    natGateways: read.oneOf("silo:natGateways", ["none", "single", "onePerAz"], "none"),
    logRetentionDays: read.retentionDays("silo:logRetentionDays", 365),
    ledger: {
      instanceClass: read.optional("silo:ledgerInstanceClass") ?? "db.t4g.small",
      multiAz: read.boolean("silo:ledgerMultiAz", false),
      backupRetentionDays: read.wholeNumber("silo:ledgerBackupRetentionDays", 35, 1, 35),
      deletionProtection: read.boolean("silo:ledgerDeletionProtection", true),
      sweepIntervalMinutes: read.wholeNumber(
        "silo:ledgerSweepIntervalMinutes",
        defaultLedgerSweepIntervalMinutes,
        1,
        maxLedgerSweepIntervalMinutes,
      ),
    },
  };
  if (!/^db\.[a-z0-9]+\.[a-z0-9]+$/.test(config.ledger.instanceClass)) {
    read.problem("silo:ledgerInstanceClass", config.ledger.instanceClass, "is not an RDS instance class");
  }
  read.throwIfProblems();
  return config;
}

/**
 * Reads and validates a tenant stack's config; `defaultSharedStack` is `<organization>/<project>/shared`.
 *
 * @example
 * const config = readTenantStackConfig(pulumi.runtime.allConfig(), "tenant-acme", "acme-org/silo-kit/shared");
 */
export function readTenantStackConfig(
  values: ConfigValues,
  stackName: string,
  defaultSharedStack: string,
): TenantStackConfig {
  const read = new ConfigReader(values, stackName, "tenant");
  const common = readCommon(read);
  const sharedStack = read.optional("silo:sharedStack") ?? defaultSharedStack;
  if (!/^[\w.-]+\/[\w.-]+\/[\w.-]+$/.test(sharedStack)) {
    read.problem(
      "silo:sharedStack",
      sharedStack,
      "must be a fully qualified stack name <organization>/<project>/<stack>",
    );
  }
  const vpcCidr = read.optional("silo:vpcCidr");
  if (vpcCidr !== undefined) read.check("silo:vpcCidr", vpcCidr, () => checkVpcCidr(vpcCidr));
  const accountConcurrencyLimit = read.wholeNumber("silo:accountConcurrencyLimit", 1000, 100, 10_000_000);
  read.throwIfProblems();
  return { ...common, sharedStack, accountConcurrencyLimit, ...(vpcCidr === undefined ? {} : { vpcCidr }) };
}

function readCommon(read: ConfigReader): CommonStackConfig {
  const region = read.required("aws:region") ?? "";
  if (region && !awsRegionNamePattern.test(region)) {
    read.problem("aws:region", region, "is not an AWS Region name");
  }
  const deployerRoleArn = read.optional("silo:deployerRoleArn");
  if (
    deployerRoleArn !== undefined &&
    !/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(deployerRoleArn)
  ) {
    read.problem("silo:deployerRoleArn", deployerRoleArn, "is not an IAM role ARN");
  }
  return {
    region,
    environment: read.oneOf("silo:environment", ["production", "staging"], "production"),
    lambdaCode: read.oneOf("silo:lambdaCode", ["build", "prebuilt"], "build"),
    ...(deployerRoleArn === undefined ? {} : { deployerRoleArn }),
  };
}

function checkVpcCidr(value: string): void {
  const { prefixLength } = parseCidr(value);
  if (prefixLength < 16 || prefixLength > 24) throw new Error("must be a /16 to /24 block");
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === "https:";
  } catch {
    return false;
  }
}

/** Reads keys of one stack, collecting every problem with its fix. */
class ConfigReader {
  private readonly problems: string[] = [];

  constructor(
    private readonly values: ConfigValues,
    private readonly stackName: string,
    private readonly kind: StackKind,
  ) {
    this.checkKnownKeys();
  }

  optional(key: string): string | undefined {
    const value = this.values[key]?.trim();
    return value === "" ? undefined : value;
  }

  required(key: string): string | undefined {
    const value = this.optional(key);
    if (value === undefined) this.missing(key);
    return value;
  }

  list(key: string): string[] | undefined {
    return this.optional(key)
      ?.split(",")
      .map((entry) => entry.trim())
      .filter(Boolean);
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
    const value = this.optional(key);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problem(key, value, `must be one of ${allowed.join(", ")}`);
    return fallback;
  }

  wholeNumber(key: string, fallback: number, min: number, max: number): number {
    const value = this.optional(key);
    if (value === undefined) return fallback;
    const number = Number(value);
    if (/^\d+$/.test(value) && number >= min && number <= max) return number;
    this.problem(key, value, `must be a whole number from ${min} to ${max}`);
    return fallback;
  }

  boolean(key: string, fallback: boolean): boolean {
    const value = this.optional(key);
    if (value === undefined) return fallback;
    if (value === "true" || value === "false") return value === "true";
    this.problem(key, value, "must be true or false");
    return fallback;
  }

  retentionDays(key: string, fallback: number): number {
    const value = this.optional(key);
    if (value === undefined) return fallback;
    if ((logRetentionDaysAllowed as readonly number[]).map(String).includes(value)) return Number(value);
    this.problem(
      key,
      value,
      `must be a CloudWatch Logs retention period: one of ${logRetentionDaysAllowed.join(", ")}`,
    );
    return fallback;
  }

  check(key: string, value: string, validate: () => void): void {
    try {
      validate();
    } catch (error) {
      this.problem(key, value, (error as Error).message.replace(/^"[^"]*" /, ""));
    }
  }

  /** A problem someone else found and worded (a sentence starting with the key), with this reader's fix. */
  reported(key: string, sentence: string): void {
    const spec = stackConfigKeys.find((candidate) => candidate.key === key);
    if (spec?.required && /^\S+ is required/.test(sentence)) this.missing(key);
    else this.problems.push(`${sentence}; fix: ${this.fix(key)}`);
  }

  missing(key: string): void {
    const spec = stackConfigKeys.find((candidate) => candidate.key === key);
    this.problems.push(`${key} is not set: ${spec?.description ?? "required"}; fix: ${this.fix(key)}`);
  }

  problem(key: string, value: string, rule: string): void {
    this.problems.push(`${key} = ${JSON.stringify(value)} ${rule}; fix: ${this.fix(key)}`);
  }

  throwIfProblems(): void {
    if (this.problems.length === 0) return;
    throw new SiloError(
      "STACK_CONFIG_INVALID",
      `stack ${this.stackName} has invalid config (see docs/stacks.md):\n${this.problems.map((problem) => `- ${problem}`).join("\n")}`,
    );
  }

  private fix(key: string): string {
    const example = stackConfigKeys.find((candidate) => candidate.key === key)?.example ?? "<value>";
    return `pulumi config set ${key} ${example} --stack ${this.stackName}`;
  }

  /** A `silo:` key this kind of stack does not read is a typo or a leftover: either way, say so. */
  private checkKnownKeys(): void {
    const known = stackConfigKeys.filter((spec) => spec.stacks.includes(this.kind)).map((spec) => spec.key);
    for (const key of Object.keys(this.values).filter((candidate) => candidate.startsWith("silo:"))) {
      if (known.includes(key)) continue;
      const other = stackConfigKeys.find((spec) => spec.key === key);
      const hint = other
        ? `is read only by ${other.stacks.join("/")} stacks, not ${this.kind} stacks`
        : `is not a silo-kit config key${suggestion(key, known)}`;
      this.problems.push(`${key} ${hint}; fix: pulumi config rm ${key} --stack ${this.stackName}`);
    }
  }
}

/**
 * The identity settings: every key the stack sets, checked by the authorizer's own configuration reader
 * (through {@link authorizerEnvironment}), so the stack refuses what the function would refuse at cold start.
 */
function readAuthorizerSettings(read: ConfigReader): AuthorizerSettings {
  const settings: Partial<Record<AuthorizerConfigKey, string>> = {};
  for (const key of Object.keys(authorizerConfigKeys) as AuthorizerConfigKey[]) {
    const value = read.optional(key);
    if (value !== undefined) settings[key] = value;
  }
  // The authorizer also takes http on a loopback host (the local platform); a deployed stack never does.
  const reported = new Set<string>();
  for (const key of ["silo:jwksUrl", "silo:oidcIssuer"] as const) {
    const url = settings[key];
    if (url === undefined || isHttpsUrl(url)) continue;
    read.problem(key, url, "must be an https URL");
    reported.add(key);
  }
  try {
    authorizerEnvironment(settings);
  } catch (error) {
    if (!(error instanceof SiloError)) throw error;
    for (const line of error.message.split("\n").filter((text) => text.startsWith("- "))) {
      const sentence = line.slice(2);
      const key = /^silo:\w+/.exec(sentence)?.[0] ?? "silo:identityProfile";
      if (!reported.has(key)) read.reported(key, sentence);
    }
  }
  return settings;
}

function suggestion(key: string, known: readonly string[]): string {
  const suggested = suggestKey(key, known);
  return suggested === undefined ? "" : ` (did you mean ${suggested}?)`;
}
