import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PolicyDocument } from "../common/policyDocument.ts";
import { lambdaArchitecture, lambdaRuntime } from "./functionSettings.ts";
import { type LambdaCode, lambdaCodeArchive } from "./lambdaCode.ts";

/** Arguments of {@link SiloFunction}. */
export interface SiloFunctionArgs {
  /** Physical function name; the log group is `/aws/lambda/<functionName>`. */
  readonly functionName: string;
  /** The function's own execution role, created by the caller. */
  readonly role: aws.iam.Role;
  /** The role's inline policy: everything the function may do. */
  readonly policy: pulumi.Input<PolicyDocument>;
  readonly code: LambdaCode;
  readonly environment: pulumi.Input<Record<string, pulumi.Input<string>>>;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /** @default no reservation: the function shares the account's unreserved concurrency */
  readonly reservedConcurrency?: number;
  readonly logRetentionDays: number;
  /** KMS key that encrypts the log group. */
  readonly logKeyArn: pulumi.Input<string>;
  /** @default the AWS-managed Lambda key encrypts the environment */
  readonly environmentKeyArn?: pulumi.Input<string>;
  /** @default not attached to a VPC */
  readonly vpc?: {
    readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    readonly securityGroupIds: pulumi.Input<pulumi.Input<string>[]>;
  };
  /** @default no description */
  readonly description?: string;
}

/**
 * A kit Lambda with its log group and its role's policy: `nodejs22.x` on arm64, JSON logs to a log group the
 * stack owns (retention and encryption set, no `logs:CreateLogGroup` needed), created only after its log
 * group and permissions exist.
 */
export class SiloFunction extends pulumi.ComponentResource {
  readonly function: aws.lambda.Function;
  readonly functionName: pulumi.Output<string>;
  readonly arn: pulumi.Output<string>;
  readonly invokeArn: pulumi.Output<string>;
  /** What a REST API integration with `responseTransferMode: STREAM` invokes (InvokeWithResponseStream). */
  readonly responseStreamingInvokeArn: pulumi.Output<string>;
  readonly logGroupName: pulumi.Output<string>;

  constructor(name: string, args: SiloFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("silo:common:SiloFunction", name, {}, opts);

    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      {
        name: `/aws/lambda/${args.functionName}`,
        retentionInDays: args.logRetentionDays,
        kmsKeyId: args.logKeyArn,
      },
      { parent: this },
    );
    const policy = new aws.iam.RolePolicy(
      `${name}-policy`,
      {
        role: args.role.name,
        name: args.functionName,
        policy: pulumi.output(args.policy).apply((document) => JSON.stringify(document)),
      },
      { parent: this },
    );
    this.function = new aws.lambda.Function(
      `${name}-function`,
      {
        name: args.functionName,
        description: args.description,
        role: args.role.arn,
        runtime: lambdaRuntime,
        architectures: [lambdaArchitecture],
        handler: "index.handler",
        code: lambdaCodeArchive(args.code),
        memorySize: args.memoryMb,
        timeout: args.timeoutSeconds,
        reservedConcurrentExecutions: args.reservedConcurrency,
        environment: { variables: args.environment },
        kmsKeyArn: args.environmentKeyArn,
        loggingConfig: { logFormat: "JSON", logGroup: logGroup.name },
        vpcConfig: args.vpc,
      },
      { parent: this, dependsOn: [logGroup, policy] },
    );

    this.functionName = this.function.name;
    this.arn = this.function.arn;
    this.invokeArn = this.function.invokeArn;
    this.responseStreamingInvokeArn = this.function.responseStreamingInvokeArn;
    this.logGroupName = logGroup.name;
    this.registerOutputs({
      functionName: this.functionName,
      arn: this.arn,
      invokeArn: this.invokeArn,
      logGroupName: this.logGroupName,
    });
  }
}
