import { describe, expect, it } from "vitest";
import { normaliseStatements } from "../../../policies/analysis/normaliseStatements.ts";

describe("normaliseStatements", () => {
  it("reads a single statement object with string Action and Resource from JSON text", () => {
    // Act
    const statements = normaliseStatements(
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"SecretsManager:GetSecretValue","Resource":"*"}}',
    );

    // Assess
    expect(statements).toEqual([
      {
        sid: undefined,
        effect: "Allow",
        actions: ["SecretsManager:GetSecretValue"],
        notActions: [],
        resources: ["*"],
        notResources: [],
        principals: { anyone: false, aws: [], service: [], federated: [], canonicalUser: [] },
        notPrincipals: { anyone: false, aws: [], service: [], federated: [], canonicalUser: [] },
        conditions: [],
      },
    ]);
  });

  it("keeps NotAction, NotResource, principals of every kind and conditions of an object document", () => {
    // Act
    const [statement] =
      normaliseStatements({
        Statement: [
          {
            Sid: "Broad",
            Effect: "Allow",
            NotAction: ["iam:*"],
            NotResource: "arn:aws:s3:::audit/*",
            Principal: {
              AWS: ["arn:aws:iam::123456789012:role/silo-initech-chat", "*"],
              Service: "lambda.amazonaws.com",
              Federated: "cognito-identity.amazonaws.com",
            },
            Condition: { Bool: { "aws:SecureTransport": true }, StringEquals: { "aws:SourceAccount": "1" } },
          },
        ],
      }) ?? [];

    // Assess
    expect(statement).toMatchObject({
      sid: "Broad",
      actions: [],
      notActions: ["iam:*"],
      resources: [],
      notResources: ["arn:aws:s3:::audit/*"],
      principals: {
        anyone: true,
        aws: ["arn:aws:iam::123456789012:role/silo-initech-chat"],
        service: ["lambda.amazonaws.com"],
        federated: ["cognito-identity.amazonaws.com"],
      },
      conditions: [
        { operator: "Bool", key: "aws:SecureTransport", values: ["true"] },
        { operator: "StringEquals", key: "aws:SourceAccount", values: ["1"] },
      ],
    });
  });

  it('reads `"Principal": "*"` as anyone', () => {
    // Act
    const [statement] =
      normaliseStatements({ Statement: [{ Effect: "Allow", Principal: "*", Action: "kms:Decrypt" }] }) ?? [];

    // Assess
    expect(statement?.principals.anyone).toBe(true);
  });

  it.each([
    ["text that is not JSON", "arn:aws:iam::aws:policy/x"],
    ["a document without statements", { Version: "2012-10-17" }],
    ["an unknown value", undefined],
  ])("cannot read %s", (_name, document) => {
    // Act
    const statements = normaliseStatements(document);

    // Assess
    expect(statements).toBeUndefined();
  });

  it("drops a statement whose Effect is neither Allow nor Deny", () => {
    // Act
    const statements = normaliseStatements({ Statement: [{ Effect: "allow", Action: "*", Resource: "*" }] });

    // Assess
    expect(statements).toEqual([]);
  });
});
