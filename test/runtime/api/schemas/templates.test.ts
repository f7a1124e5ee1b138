import { describe, expect, it } from "vitest";
import {
  createTemplateBody,
  renderTemplateBody,
  updateTemplateBody,
} from "../../../../runtime/api/schemas/templates.ts";

describe("createTemplateBody", () => {
  it("accepts a name and a body with placeholders", () => {
    const result = createTemplateBody.safeParse({ name: "Greeting", body: "Hello {{name}}" });

    expect(result.success).toBe(true);
  });

  it("rejects a malformed placeholder, quoting where it is", () => {
    const result = createTemplateBody.safeParse({ name: "Greeting", body: "Hello {{first-name}}" });

    expect(result.error?.issues).toMatchObject([
      {
        path: ["body"],
        message:
          'has a malformed placeholder near "Hello {{first-name}}"; write {{name}} with a name of letters, digits and _',
      },
    ]);
  });

  it("rejects an unclosed placeholder, an oversized body and an unknown field", () => {
    expect(createTemplateBody.safeParse({ name: "a", body: "Hello {{name" }).success).toBe(false);
    expect(createTemplateBody.safeParse({ name: "a", body: "x".repeat(50_001) }).success).toBe(false);
    expect(createTemplateBody.safeParse({ name: "a", body: "x", owner: "me" }).success).toBe(false);
  });
});

describe("updateTemplateBody", () => {
  it("rejects an empty change and accepts description: null", () => {
    expect(updateTemplateBody.safeParse({}).success).toBe(false);
    expect(updateTemplateBody.safeParse({ description: null }).success).toBe(true);
  });
});

describe("renderTemplateBody", () => {
  it("accepts string values for variable names", () => {
    expect(renderTemplateBody.safeParse({ variables: { name: "Ada", topic_2: "maths" } }).success).toBe(true);
  });

  it("rejects a non-string value, a bad variable name and more than 100 variables", () => {
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, index) => [`v${index}`, "x"]));

    expect(renderTemplateBody.safeParse({ variables: { count: 3 } }).success).toBe(false);
    expect(
      renderTemplateBody.safeParse({ variables: { "first-name": "Ada" } }).error?.issues[0]?.message,
    ).toBe("variable names must be a letter or _, then letters, digits or _ (at most 64 characters)");
    expect(renderTemplateBody.safeParse({ variables: many }).error?.issues[0]?.message).toBe(
      "has more than 100 variables",
    );
  });
});
