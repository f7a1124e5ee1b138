import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type AwsContext, logGroupArn } from "../common/awsContext.ts";
import { sharedResourceNamesOf } from "../common/resourceNames.ts";
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
 * The shared edge authorizer: one Lambda every tenant API's routes call. It runs outside the VPC because it
 * fetches the identity provider's JWKS from the internet; its role may only write its own logs.
 *
 * API Gateway may invoke it as an authorizer of any API of this account and Region, through ONE permission
 * ({@link authorizerInvokeSourceArn}). A permission per tenant API grew the function's resource policy by
 * about 370 bytes a tenant, and a Lambda resource policy is capped at 20 KB (not adjustable): the fleet
 * stopped at about 55 tenants. The authorizer trusts no caller anyway: it binds every token to the calling
 * API's own stage variables.
 */
export class EdgeAuthorizer extends pulumi.ComponentResource {
  readonly functionName: pulumi.Output<string>;
  readonly functionArn: pulumi.Output<string>;
  readonly invokeArn: pulumi.Output<string>;

  constructor(name: string, args: EdgeAuthorizerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("silo:shared:EdgeAuthorizer", name, {}, opts);
    const sharedResourceNames = sharedResourceNamesOf(args.aws.environmentQualifier);

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
        description: "silo-kit shared edge authorizer (API Gateway REST REQUEST authorizer)",
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

    new aws.lambda.Permission(
      `${name}-invoked-by-apis`,
      {
        function: fn.functionName,
        action: "lambda:InvokeFunction",
        principal: "apigateway.amazonaws.com",
        sourceArn: authorizerInvokeSourceArn(args.aws),
        sourceAccount: args.aws.accountId,
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

/**
 * The source of every authorizer invocation API Gateway may make: an authorizer of any API of this account
 * and Region.
 *
 * @example
 * authorizerInvokeSourceArn({ partition: "aws", region: "us-east-1", accountId: "123456789012" });
 * // "arn:aws:execute-api:us-east-1:123456789012:*\/authorizers/*"
 */
export function authorizerInvokeSourceArn(
  aws: Pick<AwsContext, "partition" | "region" | "accountId">,
): string {
  return `arn:${aws.partition}:execute-api:${aws.region}:${aws.accountId}:*/authorizers/*`;
}
