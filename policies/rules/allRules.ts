import { authorizerCacheScope } from "./apigatewayv2/authorizerCacheScope.ts";
import { routeAuthorizer } from "./apigatewayv2/routeAuthorizer.ts";
import { stageAccessLogs } from "./apigatewayv2/stageAccessLogs.ts";
import { stageThrottling } from "./apigatewayv2/stageThrottling.ts";
import { logGroupKmsKey } from "./cloudwatch/logGroupKmsKey.ts";
import { logGroupRetention } from "./cloudwatch/logGroupRetention.ts";
import { policyNoWildcardAction } from "./iam/policyNoWildcardAction.ts";
import { policyNoWildcardResource } from "./iam/policyNoWildcardResource.ts";
import { keyRotation } from "./kms/keyRotation.ts";
import { functionReservedConcurrency } from "./lambda/functionReservedConcurrency.ts";
import { functionRuntime } from "./lambda/functionRuntime.ts";
import { instanceBackupRetention } from "./rds/instanceBackupRetention.ts";
import { instanceDeletionProtection } from "./rds/instanceDeletionProtection.ts";
import { instanceEncrypted } from "./rds/instanceEncrypted.ts";
import { instanceIamAuth } from "./rds/instanceIamAuth.ts";
import { instanceNotPublic } from "./rds/instanceNotPublic.ts";
import { secretKmsKey } from "./secretsmanager/secretKmsKey.ts";
import { secretNamePrefix } from "./secretsmanager/secretNamePrefix.ts";
import type { SiloPolicy } from "./siloPolicy.ts";

/** Every rule of the pack, in catalogue order; the pack, the offline plan and the tests read this list. */
export const allRules: readonly SiloPolicy[] = [
  instanceNotPublic,
  instanceEncrypted,
  instanceDeletionProtection,
  instanceBackupRetention,
  instanceIamAuth,
  keyRotation,
  secretKmsKey,
  secretNamePrefix,
  policyNoWildcardAction,
  policyNoWildcardResource,
  functionRuntime,
  functionReservedConcurrency,
  routeAuthorizer,
  authorizerCacheScope,
  stageAccessLogs,
  stageThrottling,
  logGroupRetention,
  logGroupKmsKey,
];
