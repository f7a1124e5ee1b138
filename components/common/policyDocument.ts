/**
 * An IAM policy document, as AWS reads it. The kit builds every policy (role, key, secret) as one of these in
 * a pure function, so tests and the policy pack can read exactly what a stack grants.
 */
export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

/** One statement. Actions and resources are always lists, so checks never special-case a lone string. */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  /** Only in resource policies (key policies, secret policies, trust policies). */
  readonly Principal?: {
    readonly AWS?: string | readonly string[];
    readonly Service?: string | readonly string[];
  };
  readonly Action: readonly string[];
  /** Absent only in trust policies. */
  readonly Resource?: readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/**
 * A policy document from its statements.
 *
 * @example
 * policyDocument([{ Sid: "ReadSecret", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [arn] }]);
 */
export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}
