import { describe, expect, it } from "vitest";
import { renderTemplate } from "../../../../runtime/core/templates/renderTemplate.ts";
import { TemplateVariableMissingError } from "../../../../runtime/core/templates/templateVariableMissingError.ts";

function renderError(body: string, variables: Record<string, string>): TemplateVariableMissingError {
  try {
    renderTemplate(body, variables);
  } catch (error) {
    if (error instanceof TemplateVariableMissingError) return error;
    throw error;
  }
  throw new Error("expected the render to fail");
}

describe("renderTemplate", () => {
  it("substitutes every placeholder, spaces inside the braces allowed, each use of a variable", () => {
    const text = renderTemplate("Dear {{name}}, about {{ topic }}: see you, {{name}}.", {
      name: "Dana",
      topic: "discharge",
    });

    expect(text).toBe("Dear Dana, about discharge: see you, Dana.");
  });

  it("returns a body without placeholders unchanged", () => {
    expect(renderTemplate("No variables here.", {})).toBe("No variables here.");
  });

  it("accepts an empty string as a value", () => {
    expect(renderTemplate("[{{note}}]", { note: "" })).toBe("[]");
  });

  it("ignores variables the body does not use", () => {
    expect(renderTemplate("Hi {{name}}", { name: "Dana", unused: "x" })).toBe("Hi Dana");
  });

  it("inserts a value containing placeholders as text, never expanding it", () => {
    const text = renderTemplate("{{a}} and {{b}}", { a: "{{b}}", b: "$& $1 text" });

    expect(text).toBe("{{b}} and $& $1 text");
  });

  it("tells apart names where one is a prefix of another", () => {
    expect(renderTemplate("{{a}}-{{ab}}", { a: "1", ab: "2" })).toBe("1-2");
  });

  it("fails naming every missing variable, in order of first use, each as a field", () => {
    // Act
    const error = renderError("{{greeting}} {{name}}, {{topic}} {{name}}", { name: "Dana" });

    // Assess
    expect(error.code).toBe("TEMPLATE_VARIABLE_MISSING");
    expect(error.message).toBe(
      "the template uses variables with no value: greeting, topic; pass each in variables",
    );
    expect(error.fields).toEqual([
      { path: "body.variables.greeting", message: "is missing: the template uses {{greeting}}" },
      { path: "body.variables.topic", message: "is missing: the template uses {{topic}}" },
    ]);
  });

  it("says 'a variable' when one is missing", () => {
    expect(renderError("{{name}}", {}).message).toBe(
      "the template uses a variable with no value: name; pass it in variables",
    );
  });

  it("never fills a placeholder from Object.prototype", () => {
    const error = renderError("{{constructor}} {{toString}}", {});

    expect(error.missing).toEqual(["constructor", "toString"]);
  });
});
