import { describe, expect, it } from "vitest";
import { ledgerSecretPolicy } from "../../../components/secrets/ledgerSecretPolicy.ts";

describe("ledgerSecretPolicy", () => {
  it("opens a ledger secret to the ledger admin only", () => {
    // Act
    const secret = ledgerSecretPolicy("arn:secret", "arn:aws:iam::123456789012:role/silo-ledger-admin")
      .Statement[0];

    // Assess
    expect(secret?.Principal?.AWS).toBe("arn:aws:iam::123456789012:role/silo-ledger-admin");
    expect(secret?.Action).toEqual(["secretsmanager:GetSecretValue"]);
    expect(secret?.Resource).toEqual(["arn:secret"]);
  });
});
