/**
 * The AWS services a VPC-attached kit Lambda calls, each reached through an interface endpoint so the
 * private subnets need no NAT: Secrets Manager (credentials), Bedrock Runtime (model calls), KMS (decrypt)
 * and CloudWatch Logs.
 */
export const interfaceEndpointServices = ["secretsmanager", "bedrock-runtime", "kms", "logs"] as const;

export type InterfaceEndpointService = (typeof interfaceEndpointServices)[number];

/**
 * The endpoint service name of `service` in `region`.
 *
 * @example
 * endpointServiceName("us-east-1", "kms"); // "com.amazonaws.us-east-1.kms"
 */
export function endpointServiceName(region: string, service: InterfaceEndpointService): string {
  return `com.amazonaws.${region}.${service}`;
}
