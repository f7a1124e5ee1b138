/**
 * One rule AWS documents for a name or description the kit sets: which resource input it is, what AWS calls
 * it, how long it may be, which characters it may hold and what shape it must have. `silo plan` checks every
 * recorded resource against these (checkNameLimits.ts), because AWS only enforces them when `pulumi up`
 * creates the resource, halfway through a deployment.
 */
export interface AwsNameLimit {
  /** The Pulumi type token of the resource, e.g. `aws:rds/instance:Instance`. */
  readonly type: string;
  /** The input property, dotted; `[]` reads every element of an array, e.g. `rules[].visibilityConfig.metricName`. */
  readonly property: string;
  /** The AWS API parameter the property becomes, e.g. `CreateDBInstance MasterUsername`. */
  readonly awsParameter: string;
  /** @default 1 */
  readonly minLength?: number;
  readonly maxLength: number;
  /** One character AWS accepts, as a one-character class, so a finding can name the characters it refuses. */
  readonly characters?: RegExp;
  /**
   * What the whole value must match besides its characters (first and last character, separators, a
   * required or forbidden prefix); checked only when every character is accepted.
   */
  readonly pattern?: RegExp;
  /** AWS's rule in words, as its documentation states it. */
  readonly rule: string;
  /** The AWS documentation page that states the rule. */
  readonly url: string;
}
