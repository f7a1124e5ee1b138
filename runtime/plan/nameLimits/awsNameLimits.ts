import type { AwsNameLimit } from "./awsNameLimit.ts";

/** The API reference page of each operation whose parameters are checked. */
const docs = {
  createRole: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html",
  putRolePolicy: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html",
  createFunction: "https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html",
  createAlias: "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html",
  createKey: "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html",
  createSecret: "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html",
  createLogGroup:
    "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html",
  createDbInstance: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html",
  deleteDbInstance: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBInstance.html",
  createDbParameterGroup:
    "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBParameterGroup.html",
  createDbSubnetGroup:
    "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSubnetGroup.html",
  createSecurityGroup: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html",
  securityGroupRule: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_UserIdGroupPair.html",
  bucketNaming: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html",
  createStage: "https://docs.aws.amazon.com/apigateway/latest/api/API_CreateStage.html",
  createWebAcl: "https://docs.aws.amazon.com/waf/latest/APIReference/API_CreateWebACL.html",
  wafRule: "https://docs.aws.amazon.com/waf/latest/APIReference/API_Rule.html",
  wafVisibility: "https://docs.aws.amazon.com/waf/latest/APIReference/API_VisibilityConfig.html",
  createSchedule: "https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html",
  createScheduleGroup:
    "https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateScheduleGroup.html",
  createInferenceProfile:
    "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_CreateInferenceProfile.html",
} as const;

const types = {
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  function: "aws:lambda/function:Function",
  alias: "aws:kms/alias:Alias",
  key: "aws:kms/key:Key",
  secret: "aws:secretsmanager/secret:Secret",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  instance: "aws:rds/instance:Instance",
  parameterGroup: "aws:rds/parameterGroup:ParameterGroup",
  subnetGroup: "aws:rds/subnetGroup:SubnetGroup",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  egressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  bucket: "aws:s3/bucket:Bucket",
  stage: "aws:apigateway/stage:Stage",
  webAcl: "aws:wafv2/webAcl:WebAcl",
  schedule: "aws:scheduler/schedule:Schedule",
  scheduleGroup: "aws:scheduler/scheduleGroup:ScheduleGroup",
  inferenceProfile: "aws:bedrock/inferenceProfile:InferenceProfile",
} as const;

/** IAM names (`roleNameType`, `policyNameType`): `[\w+=,.@-]+`. */
const iamNameCharacters = /[\w+=,.@-]/;
const iamNameRule = "letters, digits and _+=,.@-";

/** RDS identifiers: letters, digits and hyphens, first a letter, no trailing or doubled hyphen. */
const rdsIdentifierCharacters = /[A-Za-z0-9-]/;
const rdsIdentifierPattern = /^[A-Za-z](?:-?[A-Za-z0-9])*$/;
const rdsIdentifier = (maxLength: number) =>
  `1 to ${maxLength} letters, digits or hyphens; the first a letter; no hyphen at the end and never two in a row`;

/** A security group's name and description (CreateSecurityGroup). */
const securityGroupCharacters = /[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]/;
const securityGroupCharactersRule = "up to 255 of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*";

/**
 * A security group rule's description: the rule AWS states for a rule that names a security group
 * (UserIdGroupPair), which has no `&`; the one for an address range (IpRange) also allows `&`. The kit holds
 * every rule to the stricter, so a description never depends on what the rule admits.
 */
const ruleDescription = (type: string): AwsNameLimit => ({
  type,
  property: "description",
  awsParameter: "AuthorizeSecurityGroupIngress/Egress IpPermissions Description",
  maxLength: 255,
  characters: /[a-zA-Z0-9 ._\-:/()#,@[\]+=;{}!$*]/,
  rule: "up to 255 of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=;{}!$*",
  url: docs.securityGroupRule,
});

/** WAF entity names (`EntityName`): `^[\w\-]+$`, 1 to 128. */
const wafName = (property: string, awsParameter: string, url: string): AwsNameLimit => ({
  type: types.webAcl,
  property,
  awsParameter,
  maxLength: 128,
  characters: /[\w-]/,
  rule: "1 to 128 letters, digits, _ and -",
  url,
});

/** WAF metric names (`MetricName`): `^[\w#:\.\-/]+$`, 1 to 255. */
const wafMetricName = (property: string): AwsNameLimit => ({
  type: types.webAcl,
  property,
  awsParameter: "VisibilityConfig MetricName",
  maxLength: 255,
  characters: /[\w#:.\-/]/,
  rule: "1 to 255 letters, digits and _#:.-/",
  url: docs.wafVisibility,
});

/** EventBridge Scheduler names (`Name`, `ScheduleGroupName`): `^[0-9a-zA-Z-_.]+$`, 1 to 64. */
const schedulerName = (type: string, property: string, awsParameter: string, url: string): AwsNameLimit => ({
  type,
  property,
  awsParameter,
  maxLength: 64,
  characters: /[0-9a-zA-Z_.-]/,
  rule: "1 to 64 letters, digits and -_.",
  url,
});

/** A free-text description with a length limit only. */
const description = (type: string, awsParameter: string, maxLength: number, url: string): AwsNameLimit => ({
  type,
  property: "description",
  awsParameter,
  minLength: 0,
  maxLength,
  rule: `at most ${maxLength} characters`,
  url,
});

/**
 * What AWS accepts in every name and description the kit's stacks set, from each operation's API reference:
 * the one place these limits live. `silo plan` checks each recorded resource against them
 * (checkNameLimits.ts) and fails on a value AWS would refuse; docs/deploy.md ("Names AWS accepts") lists
 * what is covered. A resource type or property missing here is not checked.
 */
export const awsNameLimits: readonly AwsNameLimit[] = [
  {
    type: types.role,
    property: "name",
    awsParameter: "CreateRole RoleName",
    maxLength: 64,
    characters: iamNameCharacters,
    rule: `1 to 64 ${iamNameRule}`,
    url: docs.createRole,
  },
  {
    type: types.role,
    property: "namePrefix",
    awsParameter: "CreateRole RoleName (a prefix the provider completes with a 26-character unique suffix)",
    maxLength: 38,
    characters: iamNameCharacters,
    rule: `1 to 38 ${iamNameRule}: the 64 of a role name less the provider's 26-character suffix`,
    url: docs.createRole,
  },
  {
    type: types.role,
    property: "description",
    awsParameter: "CreateRole Description",
    minLength: 0,
    maxLength: 1000,
    characters: /[\t\n\r\u0020-\u007E\u00A1-\u00FF]/,
    rule: "at most 1000 printable Latin-1 characters (tab, line breaks, U+0020-U+007E, U+00A1-U+00FF)",
    url: docs.createRole,
  },
  {
    type: types.rolePolicy,
    property: "name",
    awsParameter: "PutRolePolicy PolicyName",
    maxLength: 128,
    characters: iamNameCharacters,
    rule: `1 to 128 ${iamNameRule}`,
    url: docs.putRolePolicy,
  },
  {
    type: types.function,
    property: "name",
    awsParameter: "CreateFunction FunctionName",
    maxLength: 64,
    characters: /[a-zA-Z0-9_-]/,
    rule: "1 to 64 letters, digits, _ and - (a name, not an ARN)",
    url: docs.createFunction,
  },
  description(types.function, "CreateFunction Description", 256, docs.createFunction),
  {
    type: types.alias,
    property: "name",
    awsParameter: "CreateAlias AliasName",
    maxLength: 256,
    characters: /[a-zA-Z0-9:/_-]/,
    pattern: /^alias\/(?!aws\/)/,
    rule: "1 to 256 letters, digits and :/_-, beginning with alias/ but not alias/aws/",
    url: docs.createAlias,
  },
  description(types.key, "CreateKey Description", 8192, docs.createKey),
  {
    type: types.secret,
    property: "name",
    awsParameter: "CreateSecret Name",
    maxLength: 512,
    characters: /[A-Za-z0-9/_+=.@-]/,
    rule: "1 to 512 ASCII letters, digits and /_+=.@-",
    url: docs.createSecret,
  },
  description(types.secret, "CreateSecret Description", 2048, docs.createSecret),
  {
    type: types.logGroup,
    property: "name",
    awsParameter: "CreateLogGroup logGroupName",
    maxLength: 512,
    characters: /[.\-_/#A-Za-z0-9]/,
    rule: "1 to 512 letters, digits and ._-/#",
    url: docs.createLogGroup,
  },
  {
    type: types.instance,
    property: "identifier",
    awsParameter: "CreateDBInstance DBInstanceIdentifier",
    maxLength: 63,
    characters: rdsIdentifierCharacters,
    pattern: rdsIdentifierPattern,
    rule: rdsIdentifier(63),
    url: docs.createDbInstance,
  },
  {
    type: types.instance,
    property: "username",
    awsParameter: "CreateDBInstance MasterUsername",
    maxLength: 16,
    characters: /[A-Za-z0-9_]/,
    pattern: /^[A-Za-z]/,
    rule: "1 to 16 letters, digits or underscores, the first a letter",
    url: docs.createDbInstance,
  },
  {
    // The rule for PostgreSQL, the kit's only engine.
    type: types.instance,
    property: "dbName",
    awsParameter: "CreateDBInstance DBName (PostgreSQL)",
    maxLength: 63,
    characters: /[A-Za-z0-9_]/,
    pattern: /^[A-Za-z]/,
    rule: "1 to 63 letters, digits or underscores, the first a letter",
    url: docs.createDbInstance,
  },
  {
    type: types.instance,
    property: "finalSnapshotIdentifier",
    awsParameter: "DeleteDBInstance FinalDBSnapshotIdentifier",
    maxLength: 255,
    characters: rdsIdentifierCharacters,
    pattern: rdsIdentifierPattern,
    rule: rdsIdentifier(255),
    url: docs.deleteDbInstance,
  },
  {
    type: types.parameterGroup,
    property: "name",
    awsParameter: "CreateDBParameterGroup DBParameterGroupName",
    maxLength: 255,
    characters: rdsIdentifierCharacters,
    pattern: rdsIdentifierPattern,
    rule: rdsIdentifier(255),
    url: docs.createDbParameterGroup,
  },
  {
    type: types.subnetGroup,
    property: "name",
    awsParameter: "CreateDBSubnetGroup DBSubnetGroupName",
    maxLength: 255,
    characters: /[A-Za-z0-9._ -]/,
    pattern: /^(?!default$)/i,
    rule: "at most 255 letters, digits, periods, underscores, spaces or hyphens; not default",
    url: docs.createDbSubnetGroup,
  },
  {
    type: types.securityGroup,
    property: "name",
    awsParameter: "CreateSecurityGroup GroupName",
    maxLength: 255,
    characters: securityGroupCharacters,
    pattern: /^(?!sg-)/,
    rule: `${securityGroupCharactersRule}; not starting with sg-`,
    url: docs.createSecurityGroup,
  },
  {
    type: types.securityGroup,
    property: "description",
    awsParameter: "CreateSecurityGroup GroupDescription",
    maxLength: 255,
    characters: securityGroupCharacters,
    rule: securityGroupCharactersRule,
    url: docs.createSecurityGroup,
  },
  ruleDescription(types.ingressRule),
  ruleDescription(types.egressRule),
  {
    type: types.bucket,
    property: "bucket",
    awsParameter: "CreateBucket Bucket",
    minLength: 3,
    maxLength: 63,
    characters: /[a-z0-9.-]/,
    pattern: /^[a-z0-9](?:.*[a-z0-9])?$/,
    rule: "3 to 63 lowercase letters, digits, dots and hyphens, beginning and ending with a letter or digit",
    url: docs.bucketNaming,
  },
  {
    type: types.bucket,
    property: "bucketPrefix",
    awsParameter: "CreateBucket Bucket (a prefix the provider completes with a 26-character unique suffix)",
    maxLength: 37,
    characters: /[a-z0-9.-]/,
    pattern: /^[a-z0-9]/,
    rule: "1 to 37 lowercase letters, digits, dots and hyphens, beginning with a letter or digit: the 63 of a bucket name less the provider's 26-character suffix",
    url: docs.bucketNaming,
  },
  {
    type: types.stage,
    property: "stageName",
    awsParameter: "CreateStage stageName",
    maxLength: 128,
    characters: /[A-Za-z0-9_-]/,
    rule: "1 to 128 letters, digits, hyphens and underscores",
    url: docs.createStage,
  },
  wafName("name", "CreateWebACL Name", docs.createWebAcl),
  {
    type: types.webAcl,
    property: "description",
    awsParameter: "CreateWebACL Description",
    maxLength: 256,
    characters: /[\w+=:#@/\-,.\s]/,
    pattern: /^[\w+=:#@/\-,.][\w+=:#@/\-,.\s]+[\w+=:#@/\-,.]$/,
    rule: "1 to 256 letters, digits, whitespace and _+=:#@/-,. neither beginning nor ending with whitespace",
    url: docs.createWebAcl,
  },
  wafName("rules[].name", "Rule Name", docs.wafRule),
  wafMetricName("visibilityConfig.metricName"),
  wafMetricName("rules[].visibilityConfig.metricName"),
  schedulerName(types.schedule, "name", "CreateSchedule Name", docs.createSchedule),
  schedulerName(types.schedule, "groupName", "CreateSchedule GroupName", docs.createSchedule),
  description(types.schedule, "CreateSchedule Description", 512, docs.createSchedule),
  schedulerName(types.scheduleGroup, "name", "CreateScheduleGroup Name", docs.createScheduleGroup),
  {
    type: types.inferenceProfile,
    property: "name",
    awsParameter: "CreateInferenceProfile inferenceProfileName",
    maxLength: 64,
    characters: /[0-9a-zA-Z _-]/,
    pattern: /^([0-9a-zA-Z][ _-]?)+$/,
    rule: "1 to 64 letters and digits, each followed by at most one space, _ or - (pattern ^([0-9a-zA-Z][ _-]?)+$)",
    url: docs.createInferenceProfile,
  },
  {
    type: types.inferenceProfile,
    property: "description",
    awsParameter: "CreateInferenceProfile description",
    maxLength: 200,
    characters: /[0-9a-zA-Z:. _-]/,
    pattern: /^([0-9a-zA-Z:.][ _-]?)+$/,
    rule: "1 to 200 letters, digits, : and ., each followed by at most one space, _ or - (pattern ^([0-9a-zA-Z:.][ _-]?)+$)",
    url: docs.createInferenceProfile,
  },
];
