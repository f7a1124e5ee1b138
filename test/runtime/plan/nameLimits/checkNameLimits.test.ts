import { describe, expect, it } from "vitest";
import { checkNameLimits, describeNameFinding } from "../../../../runtime/plan/nameLimits/checkNameLimits.ts";

const urn = (stack: string, type: string, name: string) => `urn:pulumi:${stack}::silo-kit::${type}::${name}`;
const instance = "aws:rds/instance:Instance";
const webAcl = "aws:wafv2/webAcl:WebAcl";

describe("checkNameLimits", () => {
  it("reports an over-long name with its stack, resource, the rule it breaks and the fix", () => {
    // Prepare
    const ledger = {
      urn: urn("staging.shared", instance, "ledger"),
      type: instance,
      name: "ledger",
      inputs: {
        identifier: "staging-silo-usage-ledger",
        username: "silo_ledger_admin",
        dbName: "silo_ledger",
      },
    };

    // Act
    const findings = checkNameLimits([ledger]);

    // Assess
    expect(findings).toEqual([
      {
        stack: "staging.shared",
        urn: ledger.urn,
        resource: "ledger",
        type: instance,
        property: "username",
        value: "silo_ledger_admin",
        kind: "maxLength",
        awsParameter: "CreateDBInstance MasterUsername",
        rule: "1 to 16 letters, digits or underscores, the first a letter",
        problem: "is 17 characters; AWS accepts at most 16",
        fix: "shorten it by 1 to at most 16 characters",
        url: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html",
      },
    ]);
    expect(describeNameFinding(findings[0] ?? ({} as never))).toBe(
      'username "silo_ledger_admin" (CreateDBInstance MasterUsername) is 17 characters; AWS accepts at most 16: ' +
        "shorten it by 1 to at most 16 characters (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html)",
    );
  });

  it("reports every rule a value breaks, each with its own fix", () => {
    // Prepare
    const resource = {
      urn: urn("tenant-acme", instance, "db"),
      type: instance,
      name: "db",
      inputs: { username: "acme's_database_admin" },
    };

    // Act
    const findings = checkNameLimits([resource]);

    // Assess
    expect(findings.map((finding) => [finding.kind, finding.problem, finding.fix])).toEqual([
      ["maxLength", "is 21 characters; AWS accepts at most 16", "shorten it by 5 to at most 16 characters"],
      [
        "characters",
        `has characters AWS refuses: "'"`,
        "remove or replace them; AWS accepts 1 to 16 letters, digits or underscores, the first a letter",
      ],
    ]);
  });

  it("reads every element of an array property, naming each by its index", () => {
    // Prepare
    const acl = {
      urn: urn("tenant-acme", webAcl, "waf"),
      type: webAcl,
      name: "waf",
      inputs: {
        name: "silo-acme",
        visibilityConfig: { metricName: "silo-acme-waf" },
        rules: [
          { name: "rate-per-ip", visibilityConfig: { metricName: "silo-acme-rate-per-ip" } },
          { name: "rate per ip", visibilityConfig: { metricName: "silo-acme rate" } },
        ],
      },
    };

    // Act
    const findings = checkNameLimits([acl]);

    // Assess
    expect(findings.map((finding) => [finding.property, finding.value, finding.kind])).toEqual([
      ["rules[1].name", "rate per ip", "characters"],
      ["rules[1].visibilityConfig.metricName", "silo-acme rate", "characters"],
    ]);
  });

  it("skips what the provider names, values unknown under the mocks, other types and other resources", () => {
    // Prepare
    const resources = [
      { urn: urn("tenant-acme", instance, "unnamed"), type: instance, name: "unnamed", inputs: {} },
      {
        urn: urn("tenant-acme", instance, "unknown"),
        type: instance,
        name: "unknown",
        inputs: { identifier: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", username: 42 },
      },
      {
        urn: urn("tenant-acme", "aws:apigateway/restApi:RestApi", "api"),
        type: "aws:apigateway/restApi:RestApi",
        name: "api",
        inputs: { name: "any name: AWS documents no rule (so the plan has none)" },
      },
    ];

    // Act
    const findings = checkNameLimits(resources);

    // Assess
    expect(findings).toEqual([]);
  });
});
