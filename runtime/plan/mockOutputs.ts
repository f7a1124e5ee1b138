/** Account and Region every mocked resource and call answers with. */
export const mockAccountId = "123456789012";
export const mockRegion = "us-east-1";

type State = Record<string, unknown>;

/**
 * The outputs a cloud provider would compute for a resource, synthesized from its type, name and inputs, so
 * ARNs, endpoints and ids look real and are distinct per resource. Unknown types get an ARN of their
 * service; the inputs are always echoed back.
 */
export function mockResourceState(type: string, name: string, inputs: State): { id: string; state: State } {
  const physical = String(inputs.name ?? inputs.identifier ?? name);
  const id = `${name}-id`;
  const base = `${mockRegion}:${mockAccountId}`;
  const service = type.split(":")[1]?.split("/")[0] ?? "unknown";
  const extra: State = { arn: `arn:aws:${service}:${base}:${service}/${physical}` };
  switch (type) {
    case "aws:iam/role:Role":
      Object.assign(extra, { arn: `arn:aws:iam::${mockAccountId}:role/${physical}`, name: physical });
      break;
    case "aws:kms/key:Key":
      Object.assign(extra, { keyId: `${name}-key-id`, arn: `arn:aws:kms:${base}:key/${name}-key-id` });
      break;
    case "aws:kms/alias:Alias":
      Object.assign(extra, { arn: `arn:aws:kms:${base}:${physical}` });
      break;
    case "aws:lambda/function:Function": {
      const arn = `arn:aws:lambda:${base}:function:${physical}`;
      Object.assign(extra, {
        arn,
        invokeArn: `arn:aws:apigateway:${mockRegion}:lambda:path/2015-03-31/functions/${arn}/invocations`,
        responseStreamingInvokeArn: `arn:aws:apigateway:${mockRegion}:lambda:path/2021-11-15/functions/${arn}/response-streaming-invocations`,
      });
      break;
    }
    case "aws:secretsmanager/secret:Secret":
      Object.assign(extra, { arn: `arn:aws:secretsmanager:${base}:secret:${physical}-${name.length}AbCd` });
      break;
    case "aws:secretsmanager/secretVersion:SecretVersion":
      Object.assign(extra, { versionId: `${name}-version-1` });
      break;
    case "aws:rds/instance:Instance":
      Object.assign(extra, {
        arn: `arn:aws:rds:${base}:db:${physical}`,
        address: `${physical}.c0abcdefghij.${mockRegion}.rds.amazonaws.com`,
        port: 5432,
        masterUserSecrets: [
          {
            secretArn: `arn:aws:secretsmanager:${base}:secret:rds!db-${physical}-XyZ123`,
            kmsKeyId: inputs.masterUserSecretKmsKeyId,
            secretStatus: "active",
          },
        ],
      });
      break;
    case "aws:apigatewayv2/api:Api":
      Object.assign(extra, {
        apiEndpoint: `https://${id}.execute-api.${mockRegion}.amazonaws.com`,
        executionArn: `arn:aws:execute-api:${base}:${id}`,
      });
      break;
    case "aws:apigateway/restApi:RestApi":
      Object.assign(extra, {
        rootResourceId: `${id}-root`,
        executionArn: `arn:aws:execute-api:${base}:${id}`,
      });
      break;
    case "aws:apigateway/stage:Stage":
      Object.assign(extra, {
        arn: `arn:aws:apigateway:${mockRegion}::/restapis/${String(inputs.restApi)}/stages/${String(inputs.stageName)}`,
      });
      break;
    case "aws:apigatewayv2/domainName:DomainName":
      Object.assign(extra, {
        domainNameConfiguration: {
          ...(inputs.domainNameConfiguration as State),
          targetDomainName: `d-${id}.execute-api.${mockRegion}.amazonaws.com`,
          hostedZoneId: "Z1UJRXOUMOOFQ8",
        },
      });
      break;
    case "aws:cloudwatch/logGroup:LogGroup":
      Object.assign(extra, { arn: `arn:aws:logs:${base}:log-group:${physical}` });
      break;
    case "aws:bedrock/inferenceProfile:InferenceProfile":
      Object.assign(extra, { arn: `arn:aws:bedrock:${base}:application-inference-profile/${id}` });
      break;
    case "random:index/randomId:RandomId":
      Object.assign(extra, { hex: Buffer.from(name).toString("hex").slice(-8) });
      break;
    case "random:index/randomPassword:RandomPassword":
      Object.assign(extra, { result: `Mock${name.replace(/[^a-zA-Z0-9]/g, "")}Password0123456789` });
      break;
    case "awsx:ec2:Vpc":
      Object.assign(extra, {
        vpcId: `vpc-${id}`,
        isolatedSubnetIds: [`subnet-${id}-a`, `subnet-${id}-b`],
        privateSubnetIds: [`subnet-${id}-a`, `subnet-${id}-b`],
        publicSubnetIds: [],
      });
      break;
    case "aws:lambda/invocation:Invocation":
      Object.assign(extra, { result: "{}" });
      break;
  }
  return { id, state: { ...inputs, ...extra } };
}

/** Answers of the provider functions the stacks call. */
export function mockCallResult(token: string, inputs: State): State {
  switch (token) {
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return {
        accountId: mockAccountId,
        arn: `arn:aws:iam::${mockAccountId}:role/deployer`,
        userId: "AROAEXAMPLE",
        id: mockAccountId,
      };
    case "aws:index/getAvailabilityZones:getAvailabilityZones":
      return {
        names: ["us-east-1a", "us-east-1b", "us-east-1c"],
        zoneIds: ["use1-az1", "use1-az2", "use1-az4"],
        id: mockRegion,
      };
    case "aws:ec2/getRouteTables:getRouteTables":
      return { ids: [`rtb-${String(inputs.vpcId)}-a`, `rtb-${String(inputs.vpcId)}-b`], id: "route-tables" };
    default:
      return {};
  }
}
