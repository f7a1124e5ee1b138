import { describe, expect, it } from "vitest";
import type { AwsNameLimit } from "../../../../runtime/plan/nameLimits/awsNameLimit.ts";
import { awsNameLimits } from "../../../../runtime/plan/nameLimits/awsNameLimits.ts";
import { checkNameLimits } from "../../../../runtime/plan/nameLimits/checkNameLimits.ts";

/**
 * For every limit of the table, a value AWS accepts (the kit's own where it sets one) and, where the limit
 * has a shape, values of AWS's characters in a shape it refuses.
 */
const examples: Record<string, { readonly good: string; readonly badShapes?: readonly string[] }> = {
  "aws:iam/role:Role#name": { good: "silo-acme-chat" },
  "aws:iam/role:Role#namePrefix": { good: "silo-acme-" },
  "aws:iam/role:Role#description": { good: "silo-kit chat function of tenant acme's" },
  "aws:iam/rolePolicy:RolePolicy#name": { good: "silo-acme-chat" },
  "aws:lambda/function:Function#name": { good: "silo-acme-chat" },
  "aws:lambda/function:Function#description": { good: "silo-kit chat function of tenant acme" },
  "aws:kms/alias:Alias#name": { good: "alias/silo/acme", badShapes: ["alias/aws/silo", "silo/acme"] },
  "aws:kms/key:Key#description": { good: "silo-kit key of tenant acme" },
  "aws:secretsmanager/secret:Secret#name": { good: "/staging/silo/acme/ledger-role" },
  "aws:secretsmanager/secret:Secret#description": { good: 'Credentials ({"username", "password"})' },
  "aws:cloudwatch/logGroup:LogGroup#name": { good: "/aws/lambda/silo-acme-chat" },
  "aws:rds/instance:Instance#identifier": { good: "silo-acme", badShapes: ["1silo", "silo--acme", "silo-"] },
  "aws:rds/instance:Instance#username": { good: "silo_ledger_dba", badShapes: ["1admin", "_admin"] },
  "aws:rds/instance:Instance#dbName": { good: "silo_ledger", badShapes: ["9silo"] },
  "aws:rds/instance:Instance#finalSnapshotIdentifier": {
    good: "silo-acme-final-1a2b3c4d",
    badShapes: ["silo-acme-", "silo--final"],
  },
  "aws:rds/parameterGroup:ParameterGroup#name": { good: "silo-acme-postgres", badShapes: ["postgres-"] },
  "aws:rds/subnetGroup:SubnetGroup#name": { good: "silo-acme-db", badShapes: ["default"] },
  "aws:ec2/securityGroup:SecurityGroup#name": { good: "silo-acme-db", badShapes: ["sg-acme"] },
  "aws:ec2/securityGroup:SecurityGroup#description": {
    good: "Database of tenant acme: Postgres from the Lambdas of the tenant only (5432) & more",
  },
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule#description": {
    good: "Postgres from the Lambdas of the tenant",
  },
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule#description": {
    good: "Postgres to the usage ledger, in the shared VPC through the Transit Gateway",
  },
  "aws:s3/bucket:Bucket#bucket": { good: "silo-acme-exports", badShapes: ["-silo-acme", "silo-acme-"] },
  "aws:s3/bucket:Bucket#bucketPrefix": { good: "silo-acme-exports-", badShapes: ["-silo-acme"] },
  "aws:apigateway/stage:Stage#stageName": { good: "live" },
  "aws:wafv2/webAcl:WebAcl#name": { good: "silo-acme" },
  "aws:wafv2/webAcl:WebAcl#description": {
    good: "silo-kit web ACL of tenant acme",
    badShapes: [" silo-kit web ACL", "silo-kit web ACL "],
  },
  "aws:wafv2/webAcl:WebAcl#rules[].name": { good: "rate-per-ip" },
  "aws:wafv2/webAcl:WebAcl#visibilityConfig.metricName": { good: "silo-acme-waf" },
  "aws:wafv2/webAcl:WebAcl#rules[].visibilityConfig.metricName": { good: "silo-acme-rate-per-ip" },
  "aws:scheduler/schedule:Schedule#name": { good: "silo-ledger-sweep" },
  "aws:scheduler/schedule:Schedule#groupName": { good: "silo-shared" },
  "aws:scheduler/schedule:Schedule#description": { good: "silo-kit: expires dangling reservations (sweep)" },
  "aws:scheduler/scheduleGroup:ScheduleGroup#name": { good: "silo-shared" },
  "aws:bedrock/inferenceProfile:InferenceProfile#name": {
    good: "silo-acme-claude-sonnet",
    badShapes: ["silo--acme", "-silo-acme", "silo_-acme"],
  },
  "aws:bedrock/inferenceProfile:InferenceProfile#description": {
    good: "Tenant acme model nova-lite from amazon.nova-lite-v1:0",
    badShapes: ["Tenant acme -- model", "-Tenant acme"],
  },
};

const idOf = (limit: AwsNameLimit) => `${limit.type}#${limit.property}`;

/** A resource of the limit's type with `value` at the limit's property (`[]` as a one-element array). */
function resourceWith(limit: AwsNameLimit, value: string) {
  const build = (segments: readonly string[]): unknown => {
    const [segment, ...rest] = segments;
    if (segment === undefined) return value;
    const inner = build(rest);
    return segment.endsWith("[]") ? { [segment.slice(0, -2)]: [inner] } : { [segment]: inner };
  };
  return {
    urn: `urn:pulumi:tenant-acme::silo-kit::${limit.type}::acme-resource`,
    type: limit.type,
    name: "acme-resource",
    inputs: build(limit.property.split(".")) as Record<string, unknown>,
  };
}

const kindsFor = (limit: AwsNameLimit, value: string) =>
  checkNameLimits([resourceWith(limit, value)], [limit]).map((finding) => finding.kind);

/** A good value stretched with its own last character, which every limit accepts at the end. */
const stretched = (good: string, length: number) => good.padEnd(length, good.at(-1));

describe("awsNameLimits", () => {
  it("has an example for every limit, and cites an AWS documentation page for each", () => {
    // Assess
    expect(awsNameLimits.map(idOf).sort()).toEqual(Object.keys(examples).sort());
    expect(new Set(awsNameLimits.map(idOf)).size).toBe(awsNameLimits.length);
    for (const limit of awsNameLimits) expect(limit.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
  });
});

const exampleOf = (limit: AwsNameLimit) => examples[idOf(limit)] ?? { good: "" };
const each = (limits: readonly AwsNameLimit[]) => limits.map((limit) => [idOf(limit), limit] as const);

describe("every limit of awsNameLimits", () => {
  it.each(each(awsNameLimits))(
    "%s accepts the kit's value, and one of exactly the longest length",
    (_id, limit) => {
      // Prepare
      const { good } = exampleOf(limit);

      // Act
      const kinds = [kindsFor(limit, good), kindsFor(limit, stretched(good, limit.maxLength))];

      // Assess
      expect(kinds).toEqual([[], []]);
    },
  );

  it.each(each(awsNameLimits))("%s refuses a value one character longer than AWS accepts", (_id, limit) => {
    // Act
    const kinds = kindsFor(limit, stretched(exampleOf(limit).good, limit.maxLength + 1));

    // Assess
    expect(kinds).toEqual(["maxLength"]);
  });

  it.each(each(awsNameLimits.filter((limit) => (limit.minLength ?? 1) > 0)))(
    "%s refuses a value shorter than AWS accepts",
    (_id, limit) => {
      // Act
      const kinds = kindsFor(limit, exampleOf(limit).good.slice(0, (limit.minLength ?? 1) - 1));

      // Assess
      expect(kinds).toEqual(["minLength"]);
    },
  );

  it.each(each(awsNameLimits.filter((limit) => limit.characters !== undefined)))(
    "%s refuses a character outside AWS's set, naming it",
    (_id, limit) => {
      // Prepare: a typographic apostrophe, outside every character set of the table
      const { good } = exampleOf(limit);
      const value = `${good.slice(0, 2)}\u2019${good.slice(3)}`;

      // Act
      const findings = checkNameLimits([resourceWith(limit, value)], [limit]);

      // Assess
      expect(findings.map((finding) => [finding.kind, finding.problem])).toEqual([
        ["characters", 'has characters AWS refuses: "\u2019"'],
      ]);
    },
  );

  it.each(each(awsNameLimits.filter((limit) => limit.pattern !== undefined)))(
    "%s refuses AWS's characters in a shape AWS refuses",
    (_id, limit) => {
      // Prepare
      const badShapes = exampleOf(limit).badShapes ?? [];

      // Act
      const kinds = badShapes.map((value) => [value, kindsFor(limit, value)]);

      // Assess
      expect(badShapes.length).toBeGreaterThan(0);
      expect(kinds).toEqual(badShapes.map((value) => [value, ["pattern"]]));
    },
  );
});
