import { type PolicyDocument, policyDocument } from "../common/policyDocument.ts";

/**
 * The resource policy of a tenant's ledger secret: the shared ledger-admin role may read it (to provision
 * the tenant's ledger role). The tenant's own roles read it through their IAM policies.
 */
export function ledgerSecretPolicy(secretArn: string, ledgerAdminRoleArn: string): PolicyDocument {
  return policyDocument([
    {
      Sid: "LedgerAdminReadsLedgerSecret",
      Effect: "Allow",
      Principal: { AWS: ledgerAdminRoleArn },
      Action: ["secretsmanager:GetSecretValue"],
      Resource: [secretArn],
    },
  ]);
}
