/**
 * The AWS resource types the kit creates that take tags (their @pulumi/aws class has `tags`/`tagsAll`).
 * Real stack outputs carry `tagsAll` on every taggable resource; the offline plan's mocked outputs do not,
 * so the tag rule also reads this list. test/policies/rules/tagging/taggableTypes.test.ts checks it against
 * the SDK and fails when a component starts creating a type that is in neither list.
 */
export const taggableAwsTypes: ReadonlySet<string> = new Set([
  "aws:apigatewayv2/api:Api",
  "aws:apigatewayv2/domainName:DomainName",
  "aws:apigatewayv2/stage:Stage",
  "aws:bedrock/inferenceProfile:InferenceProfile",
  "aws:cloudwatch/logGroup:LogGroup",
  "aws:ec2/routeTable:RouteTable",
  "aws:ec2/securityGroup:SecurityGroup",
  "aws:ec2/subnet:Subnet",
  "aws:ec2/vpc:Vpc",
  "aws:ec2/vpcEndpoint:VpcEndpoint",
  "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
  "aws:ec2transitgateway/routeTable:RouteTable",
  "aws:ec2transitgateway/transitGateway:TransitGateway",
  "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
  "aws:iam/role:Role",
  "aws:kms/key:Key",
  "aws:lambda/function:Function",
  "aws:rds/instance:Instance",
  "aws:rds/parameterGroup:ParameterGroup",
  "aws:rds/subnetGroup:SubnetGroup",
  "aws:s3/bucket:Bucket",
  "aws:scheduler/scheduleGroup:ScheduleGroup",
  "aws:secretsmanager/secret:Secret",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
]);

/** The AWS resource types the kit creates that take no tags. */
export const untaggableAwsTypes: ReadonlySet<string> = new Set([
  "aws:apigatewayv2/apiMapping:ApiMapping",
  "aws:apigatewayv2/authorizer:Authorizer",
  "aws:apigatewayv2/integration:Integration",
  "aws:apigatewayv2/route:Route",
  "aws:ec2/route:Route",
  "aws:ec2/routeTableAssociation:RouteTableAssociation",
  "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
  "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:kms/alias:Alias",
  "aws:lambda/invocation:Invocation",
  "aws:lambda/permission:Permission",
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  "aws:s3/bucketPolicy:BucketPolicy",
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "aws:scheduler/schedule:Schedule",
  "aws:secretsmanager/secretPolicy:SecretPolicy",
  "aws:secretsmanager/secretVersion:SecretVersion",
]);
