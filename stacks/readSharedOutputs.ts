import * as z from "zod";
import type { SharedEdgeOutputs } from "../components/common/sharedEdgeOutputs.ts";
import { maxAuthorizerCacheTtlSeconds } from "../components/edge/authorizerCacheTtl.ts";
import { SiloError } from "../runtime/core/errors/siloError.ts";

const text = z.string().min(1);
const sharedOutputsSchema = z.object({
  region: text,
  vpcId: text,
  vpcCidrBlock: text,
  privateSubnetIds: z.array(text).min(2),
  availabilityZones: z.array(text).min(2),
  endpointSecurityGroupId: text,
  dedicatedCidrPool: text,
  transitGatewayId: text,
  transitGatewayTenantRouteTableId: text,
  transitGatewaySharedRouteTableId: text,
  internetEgress: z.boolean(),
  authorizerFunctionName: text,
  authorizerFunctionArn: text,
  authorizerInvokeArn: text,
  authorizerCacheTtlSeconds: z.number().int().min(0).max(maxAuthorizerCacheTtlSeconds),
  ledgerAddress: text,
  ledgerPort: z.number().int().min(1).max(65_535),
  ledgerDatabaseName: text,
  ledgerSecurityGroupId: text,
  ledgerClientsSecurityGroupId: text,
  ledgerAdminFunctionName: text,
  ledgerAdminRoleArn: text,
  ledgerAdminCodeSha256: text,
  domainName: z.string(),
  platformKeyArn: text,
}) satisfies z.ZodType<SharedEdgeOutputs>;

/** The names of the shared stack's outputs the tenant stacks read. */
export const sharedOutputNames = Object.keys(sharedOutputsSchema.shape) as Array<keyof SharedEdgeOutputs>;

/**
 * Checks the outputs read from the shared stack, so a tenant stack fails up front (naming each missing or
 * malformed output and the fix) instead of half-way through creating resources.
 *
 * @example
 * const shared = parseSharedOutputs(values, "acme-org/silo-kit/shared");
 */
export function parseSharedOutputs(
  values: Readonly<Record<string, unknown>>,
  sharedStack: string,
): SharedEdgeOutputs {
  const parsed = sharedOutputsSchema.safeParse(values);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const name = issue.path.map(String).join(".");
    return values[String(issue.path[0])] === undefined
      ? `output ${name} is missing`
      : `output ${name} is invalid (${issue.message})`;
  });
  throw new SiloError(
    "SHARED_STACK_OUTPUTS_INVALID",
    `the shared stack ${sharedStack} does not have the outputs this tenant stack needs:\n${problems.map((problem) => `- ${problem}`).join("\n")}\n` +
      `Deploy it first (pulumi up --stack shared), or point silo:sharedStack at the right stack.`,
  );
}
