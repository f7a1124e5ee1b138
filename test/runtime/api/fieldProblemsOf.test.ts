import { describe, expect, it } from "vitest";
import type * as z from "zod";
import { fieldProblemsOf } from "../../../runtime/api/fieldProblemsOf.ts";
import { chatCompletionRequestSchema } from "../../../runtime/api/schemas/chatCompletions.ts";
import { embeddingRequestSchema } from "../../../runtime/api/schemas/embeddings.ts";

function problems(schema: z.ZodType, body: unknown) {
  const result = schema.safeParse(body);
  if (result.success) throw new Error("expected the body to be refused");
  return fieldProblemsOf(result.error.issues, "body");
}

const userContent = (content: unknown) => ({ model: "m", messages: [{ role: "user", content }] });

describe("fieldProblemsOf", () => {
  it("reports the branch's own problem when the value had that branch's type: too many texts", () => {
    // Act
    const found = problems(embeddingRequestSchema, { model: "m", input: Array(2049).fill("x") });

    // Assess
    expect(found).toEqual([
      { path: "body.input", message: "must hold at most 2048 texts; send several requests" },
    ]);
  });

  it("locates an empty text among the inputs", () => {
    // Act
    const found = problems(embeddingRequestSchema, { model: "m", input: ["a", ""] });

    // Assess
    expect(found).toEqual([
      { path: "body.input[1]", message: "must not be empty: embedding models refuse empty text" },
    ]);
  });

  it("names the content part of an unsupported type, at its own path", () => {
    // Act
    const found = problems(chatCompletionRequestSchema, userContent([{ type: "file", file: {} }]));

    // Assess
    expect(found).toEqual([
      {
        path: "body.messages[0].content[0].type",
        message:
          'must be a {"type": "text"} or {"type": "image_url"} part; audio and file parts are not supported',
      },
    ]);
  });

  it("keeps the union's own message when no branch took the value's type", () => {
    // Act
    const tokens = problems(embeddingRequestSchema, { model: "m", input: [1, 2] });
    const number = problems(chatCompletionRequestSchema, userContent(5));

    // Assess
    expect(tokens).toEqual([
      {
        path: "body.input",
        message:
          "must be a string or an array of strings; token arrays are not supported: send the text itself",
      },
    ]);
    expect(number).toEqual([
      {
        path: "body.messages[0].content",
        message: 'must be a string or an array of "text" and "image_url" parts',
      },
    ]);
  });

  it("keeps the union's own message for a value that is none of a branch's options", () => {
    // Act
    const found = problems(chatCompletionRequestSchema, {
      model: "m",
      messages: [{ role: "user", content: "x" }],
      tool_choice: "any",
    });

    // Assess
    expect(found).toEqual([
      {
        path: "body.tool_choice",
        message: 'must be "none", "auto", "required" or {"type": "function", "function": {"name": "..."}}',
      },
    ]);
  });
});
