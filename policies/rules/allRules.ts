import { authorizerCacheScope as restAuthorizerCacheScope } from "./apigateway/authorizerCacheScope.ts";
import { methodAuthorizer } from "./apigateway/methodAuthorizer.ts";
import { restApiPolicyNotPublic } from "./apigateway/restApiPolicyNotPublic.ts";
import { stageAccessLogs as restStageAccessLogs } from "./apigateway/stageAccessLogs.ts";
import { stageThrottling as restStageThrottling } from "./apigateway/stageThrottling.ts";
import { stageWebAcl } from "./apigateway/stageWebAcl.ts";
import { apiNoQuickCreate } from "./apigatewayv2/apiNoQuickCreate.ts";
import { authorizerCacheScope } from "./apigatewayv2/authorizerCacheScope.ts";
import { authorizerCacheTtl } from "./apigatewayv2/authorizerCacheTtl.ts";
import { routeAuthorizer } from "./apigatewayv2/routeAuthorizer.ts";
import { stageAccessLogs } from "./apigatewayv2/stageAccessLogs.ts";
import { stageThrottling } from "./apigatewayv2/stageThrottling.ts";
import { logGroupKmsKey } from "./cloudwatch/logGroupKmsKey.ts";
import { logGroupRetention } from "./cloudwatch/logGroupRetention.ts";
import { policyBedrockOwnProfiles } from "./iam/policyBedrockOwnProfiles.ts";
import { policyNoForeignTenant } from "./iam/policyNoForeignTenant.ts";
import { policyNoPassRoleWildcard } from "./iam/policyNoPassRoleWildcard.ts";
import { policyNoWildcardAction } from "./iam/policyNoWildcardAction.ts";
import { policyNoWildcardResource } from "./iam/policyNoWildcardResource.ts";
import { resourcePolicyNoForeignAccount } from "./iam/resourcePolicyNoForeignAccount.ts";
import { keyRotation } from "./kms/keyRotation.ts";
import { keySingleTenant } from "./kms/keySingleTenant.ts";
import { keyUsageOwnRoles } from "./kms/keyUsageOwnRoles.ts";
import { tenantDataOwnKey } from "./kms/tenantDataOwnKey.ts";
import { functionNoSecretEnvironment } from "./lambda/functionNoSecretEnvironment.ts";
import { functionReservedConcurrency } from "./lambda/functionReservedConcurrency.ts";
import { functionRuntime } from "./lambda/functionRuntime.ts";
import { functionUrlAuth } from "./lambda/functionUrlAuth.ts";
import { functionVpcForDatabase } from "./lambda/functionVpcForDatabase.ts";
import { permissionPrincipal } from "./lambda/permissionPrincipal.ts";
import { clusterEncrypted } from "./rds/clusterEncrypted.ts";
import { clusterInstanceNotPublic } from "./rds/clusterInstanceNotPublic.ts";
import { instanceBackupRetention } from "./rds/instanceBackupRetention.ts";
import { instanceDeletionProtection } from "./rds/instanceDeletionProtection.ts";
import { instanceEncrypted } from "./rds/instanceEncrypted.ts";
import { instanceIamAuth } from "./rds/instanceIamAuth.ts";
import { instanceIngressSameTenant } from "./rds/instanceIngressSameTenant.ts";
import { instanceNotPublic } from "./rds/instanceNotPublic.ts";
import { instanceTlsForced } from "./rds/instanceTlsForced.ts";
import { snapshotNotShared } from "./rds/snapshotNotShared.ts";
import { bucketAclNotPublic } from "./s3/bucketAclNotPublic.ts";
import { bucketEncryptionKms } from "./s3/bucketEncryptionKms.ts";
import { bucketPolicyNotPublic } from "./s3/bucketPolicyNotPublic.ts";
import { bucketPublicAccessBlock } from "./s3/bucketPublicAccessBlock.ts";
import { secretKmsKey } from "./secretsmanager/secretKmsKey.ts";
import { secretNamePrefix } from "./secretsmanager/secretNamePrefix.ts";
import type { SiloPolicy } from "./siloPolicy.ts";
import { resourcesTenantTag } from "./tagging/resourcesTenantTag.ts";

/** Every rule of the pack, in catalogue order; the pack, the offline plan and the tests read this list. */
export const allRules: readonly SiloPolicy[] = [
  instanceNotPublic,
  instanceEncrypted,
  instanceTlsForced,
  instanceIngressSameTenant,
  instanceDeletionProtection,
  instanceBackupRetention,
  instanceIamAuth,
  clusterInstanceNotPublic,
  clusterEncrypted,
  snapshotNotShared,
  keyRotation,
  keySingleTenant,
  keyUsageOwnRoles,
  tenantDataOwnKey,
  secretKmsKey,
  secretNamePrefix,
  policyNoWildcardAction,
  policyNoWildcardResource,
  policyNoForeignTenant,
  policyBedrockOwnProfiles,
  policyNoPassRoleWildcard,
  resourcePolicyNoForeignAccount,
  functionRuntime,
  functionReservedConcurrency,
  functionVpcForDatabase,
  functionNoSecretEnvironment,
  functionUrlAuth,
  permissionPrincipal,
  routeAuthorizer,
  authorizerCacheScope,
  authorizerCacheTtl,
  stageAccessLogs,
  stageThrottling,
  apiNoQuickCreate,
  methodAuthorizer,
  restAuthorizerCacheScope,
  restStageAccessLogs,
  restStageThrottling,
  stageWebAcl,
  restApiPolicyNotPublic,
  bucketPublicAccessBlock,
  bucketEncryptionKms,
  bucketPolicyNotPublic,
  bucketAclNotPublic,
  logGroupRetention,
  logGroupKmsKey,
  resourcesTenantTag,
];
