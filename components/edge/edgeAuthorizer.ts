import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type AwsContext, logGroupArn } from "../common/awsContext.ts";
import { sharedResourceNames } from "../common/resourceNames.ts";
import { authorizerPolicy, lambdaTrustPolicy } from "../functions/functionPolicies.ts";
import type { LambdaCode } from "../functions/lambdaCode.ts";
import { SiloFunction } from "../functions/siloFunction.ts";
import { type AuthorizerSettings, authorizerEnvironment } from "./authorizerEnvironment.ts";

/** Arguments of {@link EdgeAuthorizer}. */
export interface EdgeAuthorizerArgs {
  readonly aws: AwsContext;
  /** Issuer, audience and JWKS of the identity provider; checked as the function will check them. */
  readonly settings: AuthorizerSettings;
  readonly code: LambdaCode;
  readonly logRetentionDays: number;
  readonly logKeyArn: pulumi.Input<string>;
  /** @default 512 */
  readonly memoryMb?: number;
}

/**
 * The shared edge authorizer: one Lambda every tenant API's routes call (each tenant stack adds its own API
 * as an invoker). It runs outside the VPC because it fetches the identity provider's JWKS from the
 * internet; its role may only write its own logs.
 */
export class EdgeAuthorizer extends pulumi.ComponentResource {
  readonly functionName: pulumi.Output<string>;
  readonly functionArn: pulumi.Output<string>;
  readonly invokeArn: pulumi.Output<string>;

  constructor(name: string, args: EdgeAuthorizerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("silo:shared:EdgeAuthorizer", name, {}, opts);

    const role = new aws.iam.Role(
      `${name}-role`,
      {
        name: sharedResourceNames.authorizerRole,
        description: "silo-kit edge authorizer: writes its own logs, nothing else",
        assumeRolePolicy: JSON.stringify(lambdaTrustPolicy(args.aws)),
      },
      { parent: this },
    );
    const fn = new SiloFunction(
      `${name}-lambda`,
      {
        functionName: sharedResourceNames.authorizerFunction,
        description: "silo-kit shared edge authorizer (API Gateway REQUEST authorizer, payload 2.0)",
        role,
        policy: authorizerPolicy(logGroupArn(args.aws, sharedResourceNames.authorizerLogGroup)),
        code: args.code,
        environment: authorizerEnvironment(args.settings),
        memoryMb: args.memoryMb ?? 512,
        timeoutSeconds: 10,
        logRetentionDays: args.logRetentionDays,
        logKeyArn: args.logKeyArn,
      },
      { parent: this },
    );

    this.functionName = fn.functionName;
    this.functionArn = fn.arn;
    this.invokeArn = fn.invokeArn;
    this.registerOutputs({
      functionName: this.functionName,
      functionArn: this.functionArn,
      invokeArn: this.invokeArn,
    });
  }
}
