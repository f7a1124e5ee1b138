import { describe, expect, it } from "vitest";
import {
  conversationPathParams,
  createConversationBody,
  updateConversationBody,
} from "../../../../runtime/api/schemas/conversations.ts";

describe("createConversationBody", () => {
  it("accepts an empty body, or a title with metadata", () => {
    expect(createConversationBody.safeParse({}).success).toBe(true);
    expect(createConversationBody.safeParse({ title: "Support", metadata: { ticket: "T-1" } }).success).toBe(
      true,
    );
  });

  it("rejects unknown fields and an oversized title", () => {
    expect(createConversationBody.safeParse({ titel: "typo" }).success).toBe(false);
    expect(createConversationBody.safeParse({ title: "x".repeat(201) }).error?.issues[0]?.message).toBe(
      "must be at most 200 characters",
    );
  });
});

describe("updateConversationBody", () => {
  it("accepts title: null to clear the title, and rejects an empty change", () => {
    expect(updateConversationBody.safeParse({ title: null }).success).toBe(true);
    expect(updateConversationBody.safeParse({}).error?.issues[0]?.message).toBe(
      "is empty; give at least one field to change: title, metadata",
    );
  });
});

describe("conversationPathParams", () => {
  it("accepts a UUID id and rejects anything else", () => {
    expect(
      conversationPathParams.safeParse({ conversationId: "0b7e6f9c-3f0a-4c55-9d1e-6f2a8c1d4e5b" }).success,
    ).toBe(true);
    expect(conversationPathParams.safeParse({ conversationId: "../settings" }).success).toBe(false);
  });
});
