import { type AwsContext, lambdaFunctionArn } from "../common/awsContext.ts";
import type { PolicyStatement } from "../common/policyDocument.ts";

/** Name prefix of the master-user secrets RDS creates and rotates itself (`manageMasterUserPassword`). */
export const rdsManagedSecretPrefix = "rds!db-";

/** What the deployer encrypts with a key: which secrets and which functions' environments. */
export interface DeployerKeyUse {
  /** The role (or user) that deploys and operates the stack: `silo:deployerRoleArn`, else the caller. */
  readonly deployerArn: string;
  /** ARN patterns (`arn:...:secret:/silo/acme/*`) of the secrets encrypted with the key. */
  readonly secretArnPatterns: readonly string[];
  /** The functions whose environments are encrypted with the key. */
  readonly functionNames: readonly string[];
}

/**
 * The key-policy statements that let the deployer create what a stack encrypts with the key, and nothing
 * else: it may use the key only through RDS, Secrets Manager and Lambda (`kms:ViaService`), each bound as
 * tightly as the service allows.
 * - RDS encrypts storage, snapshots and copies through a grant it creates for itself on the deployer's
 *   behalf: `kms:CreateGrant` only for an AWS resource (`kms:GrantIsForAWSResource`), through RDS or Lambda.
 * - Secrets Manager: only secrets matching `secretArnPatterns` (their `SecretARN` encryption context), for
 *   writing values (`pulumi up`, `put-secret-value`) and reading them back (`pulumi refresh`).
 * - Lambda: only the named functions' environments (their `aws:lambda:FunctionArn` encryption context).
 * A principal holding broad IAM permissions, and not the deployer, gets none of this.
 *
 * @example
 * deployerKeyStatements(aws, { deployerArn, secretArnPatterns: [pattern], functionNames: ["silo-acme-chat"] });
 */
export function deployerKeyStatements(aws: AwsContext, use: DeployerKeyUse): PolicyStatement[] {
  const via = (service: string) => `${service}.${aws.region}.amazonaws.com`;
  const functionArns = use.functionNames.flatMap((name) => {
    const arn = lambdaFunctionArn(aws, name);
    // A version or alias carries its qualifier after a `:`, which no function name can contain.
    return [arn, `${arn}:*`];
  });
  /** Encrypt and decrypt through one service, only under the encryption context `contextKey` it sets. */
  function encryptsThrough(
    sid: string,
    service: string,
    contextKey: string,
    arnPatterns: readonly string[],
  ): PolicyStatement {
    return {
      Sid: sid,
      Effect: "Allow",
      Principal: { AWS: use.deployerArn },
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"],
      Resource: ["*"],
      Condition: {
        StringEquals: { "kms:ViaService": via(service) },
        ArnLike: { [`kms:EncryptionContext:${contextKey}`]: [...arnPatterns] },
      },
    };
  }
  return [
    {
      Sid: "DeployerLetsServicesCreateGrants",
      Effect: "Allow",
      Principal: { AWS: use.deployerArn },
      Action: ["kms:CreateGrant"],
      Resource: ["*"],
      Condition: {
        StringEquals: { "kms:ViaService": [via("rds"), via("lambda")] },
        Bool: { "kms:GrantIsForAWSResource": "true" },
      },
    },
    encryptsThrough("DeployerEncryptsSecrets", "secretsmanager", "SecretARN", use.secretArnPatterns),
    encryptsThrough("DeployerEncryptsFunctionEnvironments", "lambda", "aws:lambda:FunctionArn", functionArns),
  ];
}
