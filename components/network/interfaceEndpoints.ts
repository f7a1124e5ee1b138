import type { AwsContext } from "../common/awsContext.ts";
import { type PolicyDocument, policyDocument } from "../common/policyDocument.ts";

/**
 * The AWS services a VPC-attached kit Lambda calls, each reached through an interface endpoint so the
 * private subnets need no NAT: Secrets Manager (credentials) and Bedrock Runtime (model calls). Nothing in
 * the VPC calls KMS or CloudWatch Logs: Secrets Manager and RDS call KMS themselves on the caller's behalf,
 * and Lambda writes a function's logs from outside its VPC. Endpoints for them were paid per zone and hour
 * and never used, so there are none; code of your own that calls them from the VPC needs them added here.
 */
export const interfaceEndpointServices = ["secretsmanager", "bedrock-runtime"] as const;

export type InterfaceEndpointService = (typeof interfaceEndpointServices)[number];

/**
 * The calls the kit's Lambdas make through each endpoint: GetSecretValue; Converse and ConverseStream, which
 * Bedrock authorizes as InvokeModel and InvokeModelWithResponseStream.
 */
const endpointActions: Readonly<Record<InterfaceEndpointService, readonly string[]>> = {
  secretsmanager: ["secretsmanager:GetSecretValue"],
  "bedrock-runtime": ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
};

/**
 * The endpoint service name of `service` in `region`.
 *
 * @example
 * endpointServiceName("us-east-1", "secretsmanager"); // "com.amazonaws.us-east-1.secretsmanager"
 */
export function endpointServiceName(region: string, service: InterfaceEndpointService): string {
  return `com.amazonaws.${region}.${service}`;
}

/**
 * The policy of one interface endpoint. Without one, an endpoint lets any principal call any action of the
 * service on any resource, such as another account's secret (a way to move data out of the VPC). This one
 * lets only principals of this account (`aws:PrincipalAccount`) make the calls the kit makes, and, except
 * for Bedrock, only on this account's resources (`aws:ResourceAccount`): foundation models belong to AWS.
 * It names no tenant, so a shared VPC's endpoints serve every tenant without a statement per tenant; what a
 * tenant's role may reach is its IAM policy's and the key policy's concern.
 *
 * @example
 * interfaceEndpointPolicy(aws, "secretsmanager").Statement[0].Action; // ["secretsmanager:GetSecretValue"]
 */
export function interfaceEndpointPolicy(aws: AwsContext, service: InterfaceEndpointService): PolicyDocument {
  const resourceAccount: Record<string, string> =
    service === "bedrock-runtime" ? {} : { "aws:ResourceAccount": aws.accountId };
  return policyDocument([
    {
      Sid: "AccountPrincipalsOnAccountResources",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: [...endpointActions[service]],
      Resource: ["*"],
      Condition: { StringEquals: { "aws:PrincipalAccount": aws.accountId, ...resourceAccount } },
    },
  ]);
}
